"""The web UI: server-rendered pages, inline SVG charts, safe highlighting."""
