"""Reading the PDFs Tsunagu makes, in pure Python (pypdf), so the tests need no poppler tools.

A fresh Debian with Python and pip only has no pdffonts/pdftotext/pdfinfo; pypdf comes with the
dev dependencies. What the tests ask of a PDF: its text per page, its page sizes, its fonts (and
whether each is embedded), and whether any character was drawn as the empty .notdef box (tofu).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

# A4 in PDF points (1/72 inch): 210 x 297 mm.
A4_POINTS = (595.28, 841.89)


@dataclass(frozen=True)
class PdfFont:
    name: str  # without the subset prefix: "IPAexGothic", not "WNCCQH+IPAexGothic"
    embedded: bool


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page as laid out (columns kept apart, letter-spaced titles joined)."""
    return [page.extract_text(extraction_mode="layout") for page in _reader(pdf).pages]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(pdf_pages(pdf))


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of each page in points, rounded to 0.01."""
    return [
        (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in _reader(pdf).pages
    ]


def _font_dicts(resources: DictionaryObject | None, seen: set[int]) -> Iterator[DictionaryObject]:
    """Every font in these resources and in the form XObjects they draw, each once."""
    if not resources:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            yield font
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _font_dicts(xobject.get("/Resources"), seen)


def _is_embedded(font: DictionaryObject) -> bool:
    # A composite (Type0) font keeps its descriptor on its one descendant font.
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:  # the 14 standard fonts: never embedded
        return False
    return any(key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def pdf_fonts(pdf: bytes) -> list[PdfFont]:
    """The fonts the pages use, as pdffonts lists them (name and whether the file carries it)."""
    seen: set[int] = set()
    fonts = []
    for page in _reader(pdf).pages:
        for font in _font_dicts(page.get("/Resources"), seen):
            name = str(font.get("/BaseFont", "")).lstrip("/")
            fonts.append(PdfFont(name=name.split("+", 1)[-1], embedded=_is_embedded(font)))
    return fonts


def _glyph_count(font: DictionaryObject) -> int | None:
    """How many glyphs the embedded font program of a composite font holds (None: not such a font)."""
    if font.get("/Subtype") != "/Type0":
        return None
    descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    program = descriptor.get_object().get("/FontFile2") if descriptor else None
    if program is None:
        return None
    return TTFont(io.BytesIO(program.get_object().get_data()))["maxp"].numGlyphs


def _drawn_strings(operands: list, operator: bytes) -> Iterator[bytes]:
    if operator == b"TJ":  # an array of strings and kerning numbers
        items = [item for item in operands[0] if not isinstance(item, (int, float))]
    elif operator in (b"Tj", b"'", b'"'):
        items = operands[-1:]
    else:
        return
    for item in items:
        yield bytes(getattr(item, "original_bytes", item))


def pdf_missing_glyphs(pdf: bytes) -> int:
    """How many characters the pages draw with no glyph behind them: a box where a character should be.

    WeasyPrint writes text in composite fonts with Identity-H encoding (two bytes per glyph id) and
    embeds a subset that keeps the glyph ids; a character no font had is drawn as glyph 0 or as an id
    past the end of the embedded font. This is the rendering check that needs no rasteriser.
    """
    missing = 0
    for page in _reader(pdf).pages:
        resources = page.get("/Resources")
        fonts = (resources.get_object().get("/Font") or {}) if resources else {}
        fonts = fonts.get_object() if fonts else {}
        counts = {name: _glyph_count(font.get_object()) for name, font in fonts.items()}
        glyphs = None
        for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
            if operator == b"Tf":
                glyphs = counts.get(operands[0])
            elif glyphs is not None:
                for data in _drawn_strings(operands, operator):
                    ids = [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]
                    missing += sum(1 for glyph in ids if glyph == 0 or glyph >= glyphs)
    return missing
