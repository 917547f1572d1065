"""Photographs in: the shipped ones read as gray, every kind of PNG/TIFF handled, bad files refused by code."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from core.io.photos import MAX_SIDE, MIN_SIDE, PHOTO_DIR, PHOTOS, ImageError, builtin, read_photo


def _encode(im: Image.Image, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    im.save(out, format=fmt)
    return out.getvalue()


def _ramp(h: int = 64, w: int = 80) -> np.ndarray:
    return np.linspace(0, 1, h * w).reshape(h, w)


@pytest.mark.parametrize("name", PHOTOS)
def test_every_built_in_photograph_reads_as_gray_in_unit_range(name: str) -> None:
    photo = builtin(name)
    assert photo.pixels.ndim == 2 and photo.pixels.dtype == np.float32
    assert photo.pixels.min() >= 0.0 and photo.pixels.max() <= 1.0 and photo.pixels.std() > 0.1
    assert min(photo.pixels.shape) >= 200 and photo.changes == ()


def test_the_photographs_ship_with_their_licence() -> None:
    text = (PHOTO_DIR / "LICENSE.md").read_text(encoding="utf-8")
    assert all(f"{name}.png" in text for name in PHOTOS)


def test_rgb_is_turned_to_gray_with_the_luminance_weights_once() -> None:
    rgb = np.zeros((64, 64, 3), dtype=np.uint8)
    rgb[..., 0], rgb[..., 1], rgb[..., 2] = 200, 100, 50
    photo = read_photo(_encode(Image.fromarray(rgb)))
    assert photo.pixels[0, 0] == pytest.approx((0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255, abs=1e-6)
    assert photo.changes == ("gray",)


def test_alpha_is_dropped_and_said() -> None:
    rgba = np.full((64, 64, 4), 128, dtype=np.uint8)
    rgba[..., 3] = 0
    photo = read_photo(_encode(Image.fromarray(rgba)))
    assert photo.pixels[0, 0] == pytest.approx(128 / 255, abs=1e-6)
    assert "alpha" in photo.changes
    gray_alpha = read_photo(_encode(Image.fromarray(rgba[..., :2].copy())))
    assert gray_alpha.changes == ("alpha",)


def test_a_gray_png_is_read_as_it_is() -> None:
    pixels = (_ramp() * 255).round().astype(np.uint8)
    photo = read_photo(_encode(Image.fromarray(pixels)))
    assert np.array_equal(photo.pixels, pixels / np.float32(255)) and photo.changes == ()


@pytest.mark.parametrize("fmt", ["PNG", "TIFF"])
def test_sixteen_bit_images_keep_their_depth(fmt: str) -> None:
    pixels = (_ramp() * 65535).round().astype(np.uint16)
    photo = read_photo(_encode(Image.fromarray(pixels), fmt))
    assert photo.pixels.max() == pytest.approx(1.0) and photo.pixels[0, 1] == pytest.approx(pixels[0, 1] / 65535)
    assert "16bit" in photo.changes


def test_a_big_image_is_shrunk_to_the_cap_and_a_tiny_one_refused() -> None:
    big = read_photo(_encode(Image.fromarray((np.random.default_rng(0).random((700, 1400)) * 255).astype(np.uint8))))
    assert max(big.pixels.shape) == MAX_SIDE and big.original_size == (1400, 700) and "shrunk" in big.changes
    with pytest.raises(ImageError) as tiny:
        read_photo(_encode(Image.fromarray(np.zeros((MIN_SIDE - 1, 200), dtype=np.uint8))))
    assert tiny.value.code == "too_small" and tiny.value.params["least"] == MIN_SIDE


def test_an_image_past_the_pixel_cap_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("core.io.photos.MAX_PIXELS", 1000)
    with pytest.raises(ImageError) as huge:
        read_photo(_encode(Image.fromarray(np.zeros((64, 64), dtype=np.uint8))))
    assert huge.value.code == "too_large"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"name,value\n1,2\n", "not_image"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not_image"),
        (_encode(Image.fromarray((np.random.default_rng(0).random((64, 64)) * 255).astype(np.uint8)))[:300], "broken"),
        (_encode(Image.fromarray(np.zeros((64, 64), dtype=np.uint8)), "GIF"), "format"),
    ],
    ids=["empty", "csv", "png-signature-only", "cut-short", "gif"],
)
def test_bad_files_get_a_code_and_an_english_message(data: bytes, code: str) -> None:
    with pytest.raises(ImageError) as bad:
        read_photo(data)
    assert bad.value.code == code and str(bad.value)


def test_an_unknown_built_in_name_is_refused() -> None:
    with pytest.raises(ImageError) as bad:
        builtin("lena")
    assert bad.value.code == "unknown"
