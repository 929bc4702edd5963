"""OCR of PDF pages that carry no usable text layer (scanned agendas, minutes, faxes).

rapidocr-onnxruntime ships its detection/recognition ONNX models inside the wheel, so a machine
needs nothing but ``make install`` and nothing is downloaded at run time (Tesseract would need a
system package and language data on every worker). The engine is loaded once per process —
in a parse-pool worker, once per worker.

OCR runs only where it is needed — a page whose text layer is empty, or garbage (mostly
control, private-use or replacement characters) — and within ``OcrLimits``: pages per document
and seconds per document. The page's embedded images are what is read (a scanned page is one
image); pages drawn without images are left as they are.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

# Images smaller than this (pixels) are logos and rules, not scanned text.
_MIN_IMAGE_PIXELS = 120 * 120
# The detector scales an image's short side up to ~736 px: a 1 x 40000 sliver would become
# 736 x 29 million and exhaust memory. Pages and receipts are far from this ratio.
_MAX_ASPECT = 12
_MIN_SIDE = 32
# Larger scans are shrunk to this long side: detection time grows with area, accuracy does not.
_MAX_SIDE = 2000
# A page with fewer visible characters than this has no text layer worth keeping.
_MIN_TEXT_CHARS = 16
_CID_RE = re.compile(r"\(cid:\d+\)")
# Runs of letters this long may be words the OCR model glued together ("MeetingMinutes").
_GLUED_RE = re.compile(r"[A-Za-z]{10,}")
_LETTERS_RE = re.compile(r"[A-Za-z]+")
# Share of a page's short words that must be English before glued runs are split as English.
_ENGLISH_SHARE = 0.7


@dataclass(frozen=True)
class OcrLimits:
    """How much OCR one document may cost (picklable: it travels to parse-pool workers)."""

    enabled: bool = True
    max_pages: int = 20
    max_seconds: float = 60.0


class OcrUnavailable(RuntimeError):
    """The OCR package is not installed or its engine failed to load."""


@lru_cache(maxsize=1)
def engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # pragma: no cover - the package is a pinned dependency
        raise OcrUnavailable(f"OCR is not installed ({exc})") from exc
    try:
        return RapidOCR()
    except Exception as exc:  # a broken onnxruntime install
        raise OcrUnavailable(f"OCR engine failed to load: {exc}") from exc


def needs_ocr(text: str) -> bool:
    """True when a page's text layer is missing or mostly unreadable characters."""
    visible = [c for c in _CID_RE.sub("\ufffd", text) if not c.isspace()]
    if len(visible) < _MIN_TEXT_CHARS:
        return True
    bad = sum(1 for c in visible if c == "\ufffd" or unicodedata.category(c) in ("Cc", "Co", "Cs", "Cn"))
    return bad / len(visible) > 0.3


def ocr_image(image: Any) -> str:
    """Text lines of one PIL image, top to bottom."""
    import numpy as np

    if not _ocr_shape(image.width, image.height):
        return ""
    if image.mode in ("RGBA", "LA", "P"):
        # Transparent pixels are paper, not ink: flatten onto white.
        from PIL import Image

        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(flat, rgba)
    image = image.convert("RGB")
    if max(image.size) > _MAX_SIDE:
        scale = _MAX_SIDE / max(image.size)
        image = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))))
    result, _ = engine()(np.asarray(image))
    if not result:
        return ""
    # Each item: (box of 4 points, text, confidence), already in reading order (top to bottom).
    return respace("\n".join(str(r[1]).strip() for r in result if str(r[1]).strip()))


def respace(text: str) -> str:
    """Put back the spaces the recognition model drops between English words ("PlanningCommission").

    Only on pages whose short words are mostly English, and only for runs of letters that are
    not words themselves: a German compound or a name stays as it was read.
    """
    try:
        import wordninja
    except ImportError:  # pragma: no cover - a pinned dependency
        return text
    lexicon = getattr(wordninja.DEFAULT_LANGUAGE_MODEL, "_wordcost", {})
    short = [w.lower() for w in _LETTERS_RE.findall(text) if 2 <= len(w) <= 9]
    if not lexicon or not short or sum(w in lexicon for w in short) / len(short) < _ENGLISH_SHARE:
        return text

    def split(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.lower() in lexicon:
            return token
        parts = wordninja.split(token)
        # One-letter pieces other than "a"/"I" mean the run was not English words after all.
        ok = len(parts) > 1 and all(len(p) > 1 or p.lower() in ("a", "i") for p in parts)
        return " ".join(parts) if ok else token

    return _GLUED_RE.sub(split, text)


# ``BI`` starts an inline image in a content stream (PDF 32000 8.9.7); a literal first, so the
# scan of a multi-megabyte stream runs at memchr speed.
_INLINE_IMAGE_RE = re.compile(rb"BI\s")


def may_have_images(page: Any) -> bool:
    """False only when the page cannot hold an image: no XObject and no inline-image operator.

    pypdf's ``page.images`` parses the whole content stream in Python to find inline images,
    seconds for a multi-megabyte page (a vector drawing, a padded page); this looks at the
    resources and scans the raw bytes instead. Anything unusual answers True (the full listing).
    """
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if isinstance(resources, dict) else None
        xobjects = xobjects.get_object() if xobjects is not None else None
        if isinstance(xobjects, dict) and len(xobjects) > 0:
            return True  # an image, or a form that may hold one
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:  # a malformed page: let pypdf's own listing decide
        return True
    return any(
        m.start() == 0 or data[m.start() - 1 : m.start()].isspace() for m in _INLINE_IMAGE_RE.finditer(data)
    )


def page_images(page: Any) -> list[Any]:
    """The page's embedded images large enough to hold text, as PIL images (undecodable ones skipped)."""
    found: list[Any] = []
    if page is None or not may_have_images(page):  # None: a page pypdf cannot give (PDFium read it)
        return found
    try:
        images = list(page.images)
    except Exception as exc:  # pypdf raises many types for exotic image filters
        log.debug("cannot list page images: %s", exc)
        return []
    for item in images:
        try:
            image = item.image
        except Exception as exc:
            log.debug("cannot decode image %s: %s", getattr(item, "name", "?"), exc)
            continue
        if image is not None and _ocr_shape(image.width, image.height):
            found.append(image)
    return found


def _ocr_shape(width: int, height: int) -> bool:
    """Large enough to hold text, and not so thin that the detector's rescaling blows up."""
    short, long = min(width, height), max(width, height)
    return width * height >= _MIN_IMAGE_PIXELS and short >= _MIN_SIDE and long <= _MAX_ASPECT * short


def ocr_pages(pages: Sequence[Any], texts: list[str], limits: OcrLimits) -> tuple[dict[int, str], list[str]]:
    """OCR text for the pages that need it, within ``limits``; and warnings for what was skipped."""
    results: dict[int, str] = {}
    warnings: list[str] = []
    wanted = [i for i, text in enumerate(texts) if needs_ocr(text)]
    if not wanted or not limits.enabled:
        if wanted:
            warnings.append(f"{len(wanted)} page(s) without a text layer; OCR is switched off")
        return results, warnings
    started = time.monotonic()
    done = 0
    for index in wanted:
        if done >= limits.max_pages:
            warnings.append(
                f"OCR stopped after {done} page(s) (limit ocr.max_pages_per_document={limits.max_pages})"
            )
            break
        if time.monotonic() - started > limits.max_seconds:
            warnings.append(
                f"OCR stopped after {done} page(s) (limit ocr.max_seconds_per_document={limits.max_seconds:g})"
            )
            break
        images = page_images(pages[index])
        if not images:
            continue
        try:  # loaded on the first page that has something to read (~1 s, once per process)
            engine()
        except OcrUnavailable as exc:
            warnings.append(f"{len(wanted)} page(s) without a text layer; {exc}")
            break
        try:
            text = "\n".join(t for t in (ocr_image(img) for img in images) if t)
        except Exception as exc:  # an image the engine cannot take costs this page, not the document
            warnings.append(f"OCR failed on page {index + 1}: {type(exc).__name__}: {exc}")
            text = ""
        done += 1
        if text.strip():
            results[index] = text
    return results, warnings
