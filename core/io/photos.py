"""Photographs as gray images in [0, 1]: the ones shipped in data/images/ (licences in data/images/LICENSE.md) and
uploads (PNG, JPEG or TIFF, read with Pillow, kept in the caller's memory only).

Colour is turned to gray with the luminance weights (ITU-R BT.601: 0.299 R + 0.587 G + 0.114 B), once; an alpha
channel is dropped (the colour underneath is the photograph); 16-bit images are read at their full depth.
Bad input raises ImageError(code, **params), which a page words in its language (image.err.* in core/i18n/images.py).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.i18n.images import EN  # image.err.* in English: an ImageError's own text (pages word its code)
from core.io.limits import MAX_BYTES, MAX_UPLOAD_MB

PHOTO_DIR = Path(__file__).resolve().parents[2] / "data" / "images"
PHOTOS = ("camera", "astronaut", "coffee", "chelsea", "rocket")  # data/images/<name>.png, 8-bit gray
FORMATS = ("PNG", "JPEG", "TIFF")
MIN_SIDE = 48  # smaller holds too few 32×32 patches to say anything about a photograph
MAX_SIDE = 512  # a longer side is shrunk to this: a 2-core server denoises it ~20 times per run
MAX_PIXELS = 50_000_000  # refuse to decode more (a decompression bomb); shrinking happens after decoding
LUMA = (0.299, 0.587, 0.114)


class ImageError(ValueError):
    """A file ScaleLab cannot use as a photograph; `code` and `params` let a page word it."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(EN[f"image.err.{code}"].format(**params))
        self.code, self.params = code, params


@dataclass(frozen=True)
class Photo:
    """A gray photograph: pixels (H, W) float32 in [0, 1]; what reading it changed, as codes (image.done.*)."""

    name: str
    pixels: np.ndarray
    original_size: tuple[int, int]  # (width, height) as stored in the file
    changes: tuple[str, ...] = ()  # "gray", "alpha", "16bit", "shrunk"


def builtin(name: str) -> Photo:
    """One of PHOTOS, read from data/images/."""
    if name not in PHOTOS:
        raise ImageError("unknown", name=name, known=", ".join(PHOTOS))
    try:
        data = (PHOTO_DIR / f"{name}.png").read_bytes()
    except OSError:  # an installed package without the checkout: the photographs live in the clone's data/
        raise ImageError("missing", name=name, folder=str(PHOTO_DIR)) from None
    return read_photo(data, name=name)


def read_photo(data: bytes, *, name: str = "upload") -> Photo:
    """Decode PNG, JPEG or TIFF bytes to a gray Photo; ImageError for anything else, too big or too small."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise ImageError("too_many_bytes", mb=MAX_UPLOAD_MB)
    if not data:
        raise ImageError("empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
            if im.format not in FORMATS:
                raise ImageError("format", found=im.format or "?", allowed=", ".join(FORMATS))
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise ImageError("too_large", width=width, height=height, most=MAX_PIXELS // 1_000_000)
            if min(width, height) < MIN_SIDE:
                raise ImageError("too_small", width=width, height=height, least=MIN_SIDE)
            im.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError("not_image") from None
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, ImageError):
            raise
        raise ImageError("broken") from None
    pixels, changes = _gray(im)
    if max(width, height) > MAX_SIDE:
        pixels, changes = _shrink(pixels), (*changes, "shrunk")
    return Photo(name, pixels, (width, height), changes)


def _gray(im: object) -> tuple[np.ndarray, tuple[str, ...]]:
    """(H, W) float32 in [0, 1] from any Pillow mode, and what was changed on the way."""
    mode = im.mode  # type: ignore[attr-defined]
    changes: list[str] = []
    if mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        a = np.asarray(im, dtype=np.float64)
        top = 65535.0 if mode.startswith("I;16") or a.max(initial=0) > 255 else 255.0
        if top == 65535.0:
            changes.append("16bit")
        return np.clip(a / top, 0, 1).astype(np.float32), tuple(changes)
    if "A" in mode or "transparency" in im.info:  # type: ignore[attr-defined]
        changes.append("alpha")
    if mode in ("L", "LA", "1"):
        a = np.asarray(im.convert("L"), dtype=np.float64) / 255.0  # type: ignore[attr-defined]
    else:
        rgb = np.asarray(im.convert("RGB"), dtype=np.float64) / 255.0  # type: ignore[attr-defined]
        a = rgb @ np.array(LUMA)
        changes.append("gray")
    return a.astype(np.float32), tuple(changes)


def _shrink(pixels: np.ndarray) -> np.ndarray:
    """The image with its longer side MAX_SIDE (Lanczos, in float so 16-bit depth survives)."""
    from PIL import Image

    h, w = pixels.shape
    scale = MAX_SIDE / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    small = Image.fromarray(pixels.astype(np.float32)).resize(size, Image.Resampling.LANCZOS)
    return np.clip(np.asarray(small, dtype=np.float32), 0, 1)
