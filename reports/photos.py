"""Photos for print: the original, downsampled to what the printed size needs (Pillow, no ReportLab, no Qt).

A photo prints at ``PRINT_PPI`` or finer: ``print_image(data, box_mm)`` returns JPEG bytes no larger than the box
needs at ``TARGET_PPI`` (a large original is reduced, not embedded whole; JPEG's DCT scaling decodes it at a
fraction of the cost) and the size in millimetres at which it must be printed so that its effective resolution
stays at or above ``PRINT_PPI`` (a small original prints smaller rather than blurred). An original that is
already small enough and a plain RGB/grey JPEG is embedded as is (no re-encoding).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

PRINT_PPI = 200  # the least effective resolution a printed photo may have
TARGET_PPI = 300  # what a reduced original is resampled to
MM_PER_INCH = 25.4


@dataclass
class PrintImage:
    jpeg: bytes
    width_px: int
    height_px: int
    width_mm: float
    height_mm: float

    @property
    def ppi(self) -> float:
        return self.width_px / (self.width_mm / MM_PER_INCH)


def print_image(data: bytes, box_mm: tuple[float, float]) -> PrintImage | None:
    """None when the file is not an image Pillow can read (the dossier then names the file instead)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        img.load() if img.format != "JPEG" else None
        w, h = img.size
        oriented = img.getexif().get(0x0112, 1) not in (1, None)
        need_w = box_mm[0] / MM_PER_INCH * TARGET_PPI
        need_h = box_mm[1] / MM_PER_INCH * TARGET_PPI
        scale = min(1.0, need_w / w, need_h / h)
        if scale == 1.0 and img.format == "JPEG" and img.mode in ("RGB", "L") and not oriented:
            out, (pw, ph) = data, (w, h)
        else:
            if img.format == "JPEG":
                img.draft("RGB", (max(1, int(w * scale)), max(1, int(h * scale))))
            img = ImageOps.exif_transpose(img).convert("RGB")
            img.thumbnail((max(1, int(need_w)), max(1, int(need_h))), Image.Resampling.LANCZOS)
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=85, optimize=False)
            out, (pw, ph) = buf.getvalue(), img.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        return None
    # printed size: as large as the box allows without falling below PRINT_PPI
    fit = min(box_mm[0] / pw, box_mm[1] / ph)
    finest = MM_PER_INCH / PRINT_PPI
    per_px = min(fit, finest)
    return PrintImage(out, pw, ph, pw * per_px, ph * per_px)
