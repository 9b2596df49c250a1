"""Bytes to text: byte-order marks, UTF-8, charset detection, binary sniffing.

Order of trust: a byte-order mark, then strict UTF-8, then a declared charset
(HTTP header or ``<meta charset>``), then line-by-line repair of a mostly-UTF-8
file with a few legacy-encoded lines, then detection with ``charset_normalizer``
restricted to widely used encodings. Binary data (magic numbers, NUL bytes, many
control characters) is refused with a reason that names what it looks like.
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from narrascope.errors import IngestError

logger = logging.getLogger(__name__)

#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Leading bytes of common non-text formats and the name used in messages.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/EPUB/ODT)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document (DOC/XLS)"),
    (b"\x7fELF", "ELF executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"\x00asm", "WebAssembly module"),
)

#: Candidate legacy encodings for detection, most likely first (ties go to the earlier).
LEGACY_ENCODINGS = (
    "cp1252",
    "iso8859_15",
    "latin_1",
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "cp1254",
    "cp1257",
    "cp1255",
    "cp1256",
    "mac_roman",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "utf_16_le",
    "utf_16_be",
    "utf_32",
)

SNIFF_BYTES = 65_536
CONTROL_RATIO_LIMIT = 0.10  # share of C0 control bytes (not tab/newline/CR/FF/ESC) in binary
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def format_size(size: int) -> str:
    """Size for messages, in decimal units: ``'50.0 MB'``, ``'2.0 kB'``, ``'12 bytes'``."""
    if size >= 100_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1000:
        return f"{size / 1000:.1f} kB"
    return f"{size} bytes"


def too_large(size: int | None, limit: int) -> str:
    """The one-line reason for an input over ``limit`` bytes."""
    shown = f"{format_size(size)} > " if size is not None else "over the "
    return f"too large ({shown}{format_size(limit)} limit; use --max-bytes)"


NUL_RATIO_LIMIT = 0.001
"""Above this share of NUL bytes (and more than two) an input is binary, not text."""


def binary_kind(data: bytes) -> str | None:
    """What a byte string looks like if it is not text, else ``None``."""
    if has_bom(data):
        return None
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    if data[8:12] in (b"WEBP", b"WAVE", b"AVI ") and data.startswith(b"RIFF"):
        return "RIFF media (WebP/WAV/AVI)"
    if data[4:8] == b"ftyp":
        return "MP4/MOV media"
    sample = data[:SNIFF_BYTES]
    nuls = sample.count(b"\x00")
    if nuls:
        if _utf16_without_bom(sample) is not None:
            return None
        if nuls > max(2, NUL_RATIO_LIMIT * len(sample)):  # a few stray NULs: text, dropped later
            return "contains NUL bytes"
        sample = sample.replace(b"\x00", b"")
    if sample:
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if controls / len(sample) > CONTROL_RATIO_LIMIT:
            return f"{100 * controls / len(sample):.0f}% control characters"
    return None


def has_bom(data: bytes) -> bool:
    """Whether ``data`` starts with a Unicode byte-order mark."""
    return any(data.startswith(bom) for bom, _ in BOMS)


def decode(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode an input to text, raising :class:`IngestError` with a clear reason."""
    if not data:
        raise IngestError(source, "empty file")
    text = _decode_bom(data, source)
    if text is None:
        kind = binary_kind(data)
        if kind is not None:
            raise IngestError(source, f"binary file ({kind})")
        text = _decode_guess(data, source, declared)
    text = sanitize(text)
    if not text.strip():
        raise IngestError(source, "empty file (only whitespace)")
    return text


def sanitize(text: str) -> str:
    """Drop NULs and stray BOMs; replace lone surrogates with U+FFFD."""
    if "\x00" in text or "\ufeff" in text:
        text = text.replace("\x00", "").replace("\ufeff", "")
    try:
        text.encode("utf-8")  # fast check: fails only on lone surrogates
    except UnicodeEncodeError:
        text = _SURROGATE_RE.sub("\ufffd", text)
    return text


def decode_line(line: bytes) -> str:
    """Decode one line of a UTF-8 stream, repairing a legacy-encoded line."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy_lines([line])[0]


def _decode_bom(data: bytes, source: str) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                reason = f"not valid {encoding.upper()} despite its byte-order mark"
                raise IngestError(source, f"{reason} ({exc.reason} at byte {exc.start})") from exc
    return None


def _decode_guess(data: bytes, source: str, declared: str | None) -> str:
    utf16 = _utf16_without_bom(data[:SNIFF_BYTES])
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            logger.warning("%s: dropped a truncated UTF-8 character at the end", source)
            return data[: exc.start].decode("utf-8")
    text = _decode_declared(data, declared)
    if text is None:
        text = _repair_mixed(data, source)
    if text is None:
        text = _detect(data)
    if text is None:
        raise IngestError(source, "undecodable text (not UTF-8 and no known encoding fits)")
    return text


def _utf16_without_bom(sample: bytes) -> str | None:
    """``'utf-16-le'``/``'utf-16-be'`` when NULs sit on one byte parity (ASCII as UTF-16)."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / max(len(odd), 1)
    if nul_odd > 0.3 and nul_even < 0.02:
        return "utf-16-le"
    if nul_even > 0.3 and nul_odd < 0.02:
        return "utf-16-be"
    return None


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


def _repair_mixed(data: bytes, source: str) -> str | None:
    """Decode a mostly-UTF-8 input whose few bad lines use a legacy encoding."""
    lines = data.splitlines(keepends=True)
    decoded: list[str | None] = []
    proof_of_utf8 = False
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            decoded.append(None)
        else:
            decoded.append(text)
            proof_of_utf8 = proof_of_utf8 or not line.isascii()
    if not proof_of_utf8:
        return None
    bad = [i for i, text in enumerate(decoded) if text is None]
    repaired = _decode_legacy_lines([lines[i] for i in bad])
    for i, text in zip(bad, repaired, strict=True):
        decoded[i] = text
    shown = ", ".join(str(i + 1) for i in bad[:10]) + (", …" if len(bad) > 10 else "")
    logger.warning("%s: mixed encodings; repaired non-UTF-8 line(s) %s", source, shown)
    return "".join(text or "" for text in decoded)


def _decode_legacy_lines(lines: list[bytes]) -> list[str]:
    """Decode non-UTF-8 lines with one detected legacy encoding (Windows-1252 if unsure)."""
    joined = b"".join(lines)
    encoding = "cp1252"
    if len(joined) >= 100:
        match = _best_match(joined)
        if match is not None:
            encoding = match
    result = []
    for line in lines:
        try:
            result.append(line.decode(encoding))
        except UnicodeDecodeError:
            result.append(line.decode("latin-1"))
    return result


def _detect(data: bytes) -> str | None:
    encoding = _best_match(data)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _best_match(data: bytes) -> str | None:
    """The most plausible legacy encoding; ties go to the more widely used one."""
    results = list(charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    if not results:
        return None

    def preference(match: charset_normalizer.CharsetMatch) -> int:
        ranks = [
            LEGACY_ENCODINGS.index(e) for e in match.could_be_from_charset if e in LEGACY_ENCODINGS
        ]
        return min(ranks, default=len(LEGACY_ENCODINGS))

    best = min(results, key=lambda m: (round(m.chaos, 2), -round(m.coherence, 2), preference(m)))
    ranks = [e for e in LEGACY_ENCODINGS if e in best.could_be_from_charset]
    return ranks[0] if ranks else best.encoding
