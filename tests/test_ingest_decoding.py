"""Encodings: BOMs, legacy charsets, mixed UTF-8 + Windows-1252 lines, binary sniffing."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from narrascope.errors import IngestError
from narrascope.ingest import iter_sources
from narrascope.ingest.decoding import binary_kind, decode, format_size, too_large
from narrascope.models import Failure, RawArticle

RUSSIAN = (
    "Переговоры в Стамбуле завершились без соглашения.\n"
    "Делегации договорились встретиться снова через неделю, сообщил представитель министерства.\n"
)
FRENCH = (
    "Les négociations à Genève se sont terminées sans accord.\n"
    "Les délégations se retrouveront la semaine prochaine, a déclaré le ministre de l'Économie.\n"
)
GERMAN = (
    "Die Verhandlungen endeten ohne Einigung. "
    "„Wir treffen uns nächste Woche“, sagte die Ministerin – überraschend.\n"
)
JAPANESE = (
    "交渉は合意に至らずに終了した。"
    "代表団は来週再び会合を開くことで合意したと、外務省の報道官が述べた。\n"
)


def _only_article(path: Path) -> RawArticle:
    items = list(iter_sources([path]))
    assert len(items) == 1, items
    (article,) = items
    assert isinstance(article, RawArticle), article
    return article


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        (FRENCH, "latin-1"),
        (FRENCH, "cp1252"),
        (GERMAN, "cp1252"),
        (JAPANESE, "shift_jis"),
        (FRENCH, "utf-8"),
    ],
)
def test_ingest_decoding_detects_legacy_charsets(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert _only_article(path).content == text


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_ingest_decoding_honours_byte_order_marks(
    tmp_path: Path, bom: bytes, encoding: str
) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + (RUSSIAN + FRENCH).encode(encoding))
    article = _only_article(path)
    assert article.content == RUSSIAN + FRENCH
    assert not article.content.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ingest_decoding_utf16_without_bom(tmp_path: Path, encoding: str) -> None:
    text = "Council approves budget.\nThe vote was 31 to 12, the clerk said.\n"
    path = tmp_path / "nobom.txt"
    path.write_bytes(text.encode(encoding))
    assert _only_article(path).content == text


def test_ingest_decoding_repairs_mixed_utf8_and_cp1252_lines(tmp_path: Path) -> None:
    lines = [
        ("Minister’s visit to Zürich postponed\n", "utf-8"),
        ("\n", "utf-8"),
        ("The trip was “not the right moment”, an aide said – adding détails later.\n", "cp1252"),
        ("Officials in Genève declined to comment.\n", "utf-8"),
        ("Prices rose 3 € per tonne.\n", "cp1252"),
    ]
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"".join(text.encode(enc) for text, enc in lines))
    assert _only_article(path).content == "".join(text for text, _ in lines)


def test_ingest_decoding_mixed_lines_in_jsonl_are_repaired(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = '{"text": "Zürich talks ended", "title": "Zürich"}\n'.encode()
    legacy = '{"text": "The “deal” is off, said the café owner"}\n'.encode("cp1252")
    path.write_bytes(good + legacy)
    items = list(iter_sources([path]))
    assert [getattr(i, "content", None) for i in items] == [
        "Zürich talks ended",
        "The “deal” is off, said the café owner",
    ]


def test_ingest_decoding_uses_meta_charset_of_html(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1251"><title>Новости</title></head>'
        "<body><p>Мэр открыл новый мост.</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp1251"))
    article = _only_article(path)
    assert article.content == html
    assert article.fmt == "html"


def test_ingest_decoding_drops_truncated_final_utf8_character(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes("Ended mid-character: Москва".encode()[:-1])
    assert _only_article(path).content == "Ended mid-character: Москв"


def test_ingest_decoding_failures_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "a_bad.txt").write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x41")
    (tmp_path / "b_good.txt").write_bytes(RUSSIAN.encode("cp1251"))
    items = list(iter_sources([tmp_path]))
    assert isinstance(items[0], Failure)
    assert items[0].source == str(tmp_path / "a_bad.txt")
    assert items[0].reason.startswith("not valid UTF-16-LE despite its byte-order mark")
    assert isinstance(items[1], RawArticle)
    assert items[1].content == RUSSIAN


def test_ingest_decoding_strips_nul_and_stray_bom() -> None:
    assert decode(codecs.BOM_UTF8 + "a\ufeffb".encode(), "x") == "ab"
    with pytest.raises(IngestError, match="x: empty file \\(only whitespace\\)"):
        decode(codecs.BOM_UTF16_LE + "  \n".encode("utf-16-le"), "x")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n....", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "RIFF media (WebP/WAV/AVI)"),
        (b"\x00\x00\x00\x18ftypmp42", "MP4/MOV media"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"abc\x00def\x00\x00\x00ghi", "contains NUL bytes"),
        (b"Plain text with one bell \x07 is still text. " * 3, None),
        ("Текст на русском".encode("cp1251"), None),
        ("ASCII in UTF-16".encode("utf-16-le"), None),
    ],
)
def test_ingest_decoding_sniffs_binary(data: bytes, kind: str | None) -> None:
    assert binary_kind(data) == kind


def test_ingest_decoding_size_messages() -> None:
    assert format_size(50_000_000) == "50.0 MB"
    assert format_size(2_500) == "2.5 kB"
    assert format_size(12) == "12 bytes"
    assert (
        too_large(52_428_800, 10_000_000) == "too large (52.4 MB > 10.0 MB limit; use --max-bytes)"
    )
