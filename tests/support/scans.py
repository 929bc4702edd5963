"""Image-only ("scanned") PDFs made by the tests: text rendered to a bitmap with Pillow, saved as PDF.

The PDF has no text layer at all (one image per page), like a scanner's output.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont


def scan_page(lines: list[str], *, size: int = 30) -> Image.Image:
    """The top of an A4 page at 150 dpi (1240 x 700 pixels): black text on white from the margin."""
    font = ImageFont.load_default(size=size)
    image = Image.new("L", (1240, 700), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((120, 150 + i * int(size * 1.8)), line, fill=0, font=font)
    return image


def scanned_pdf(pages: list[list[str]]) -> bytes:
    """One image-only PDF page per list of text lines."""
    images = [scan_page(lines).convert("RGB") for lines in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return buffer.getvalue()
