"""What an Images run asks for: the photograph, the training noise range, the test noise levels and the training
settings, seed included. `ImagesConfig` is what the Images page's widgets produce, what `python -m core images`
parses and what a share link carries (its fields read through core.fields: strict for the CLI, forgiving for links).
The run itself is core.experiments.images'.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from core import fields
from core.config import CAPS
from core.fields import Cap, ConfigError, check_number
from core.io.photos import PHOTOS

IMAGE_CAPS: dict[str, Cap] = {
    "sigma": Cap(0.0, 100.0, integer=False),  # training noise, units of 1/255
    "test_sigma": Cap(1.0, 200.0, integer=False),
    "layers": Cap(2, 12),
    "channels": Cap(4, 64),
    "steps": Cap(1, 20_000),
    "batch": Cap(1, 128),
    "lr": CAPS["lr"],
    "max_seconds": Cap(
        1, 1800, integer=False
    ),  # a cap, not a target: 1200 steps take ~55 s of CPU (busy machines more)
    "seed": CAPS["seed"],
}
PATCH = 32  # training patches are 32×32
CURVE_SIGMAS = (5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0)  # the PSNR chart
ALPHAS = (0.1, 0.3, 3.0, 10.0)  # homogeneity is measured at these input scales α
HOMOGENEITY_SIGMA = 25.0  # … on the held-out photograph with this much noise
MAX_TEST_SIGMAS = 8


@dataclass(frozen=True)
class ImagesConfig:
    """One Images run; `image` is a built-in photograph's name, or "upload:<sha256 prefix>" for the caller's own."""

    image: str = "camera"
    train_sigma: tuple[float, float] = (0.0, 25.0)
    test_sigmas: tuple[float, ...] = (10.0, 25.0, 50.0, 75.0, 100.0)
    layers: int = 6
    channels: int = 32
    steps: int = 1200
    batch: int = 8
    lr: float = 3e-3
    max_seconds: float = 90.0  # per network
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("layers", "channels", "steps", "batch", "lr", "max_seconds", "seed"):
            check_number(name, getattr(self, name), IMAGE_CAPS[name])
        if self.image not in PHOTOS and not _is_upload(self.image):
            raise ConfigError(f"image={self.image!r} is unknown: choose one of {', '.join(PHOTOS)} or a file")
        if len(self.train_sigma) != 2:
            raise ConfigError(f"train_sigma={self.train_sigma!r}: give two numbers LO,HI")
        for v in self.train_sigma:
            check_number("train_sigma", v, IMAGE_CAPS["sigma"])
        if self.train_sigma[0] > self.train_sigma[1]:
            raise ConfigError(f"train_sigma={self.train_sigma[0]:g},{self.train_sigma[1]:g}: LO must not exceed HI")
        if not 1 <= len(self.test_sigmas) <= MAX_TEST_SIGMAS or len(set(self.test_sigmas)) != len(self.test_sigmas):
            raise ConfigError(f"test_sigmas: give 1 to {MAX_TEST_SIGMAS} different values")
        for v in self.test_sigmas:
            check_number("test_sigmas", v, IMAGE_CAPS["test_sigma"])

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["train_sigma"], d["test_sigmas"] = list(self.train_sigma), list(self.test_sigmas)
        return d

    def to_query(self) -> dict[str, str]:
        """Every field as URL text; reads back to an equal config."""
        return fields.to_query(FIELDS, self)

    @classmethod
    def parse(cls, values: Mapping[str, Any]) -> ImagesConfig:
        """Strict parse (CLI): malformed or out-of-range values raise ConfigError naming them."""
        return cls(**fields.parse(FIELDS, values, strict=True))

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> ImagesConfig:
        """Forgiving parse (a link): unknown keys ignored, bad values defaulted, numbers clamped."""
        values = fields.parse(FIELDS, params, strict=False)
        if "image" in values and values["image"] not in PHOTOS:
            del values["image"]  # an upload stays in its session: a link cannot carry it
        return cls(**values)


def _is_upload(name: str) -> bool:
    """ "upload:" and 16 hex digits."""
    head, _, digest = name.partition(":")
    return head == "upload" and len(digest) == 16 and all(c in "0123456789abcdef" for c in digest)


def _sigmas(count: tuple[int, int]) -> fields.Converter:
    """Reader of a comma list of σ values (count[0] to count[1] of them); forgiving clamps, sorts and dedupes."""

    def read(text: str, strict: bool) -> tuple[float, ...]:
        values = [float(p) for p in text.split(",") if p.strip()]
        if strict:
            return tuple(values)
        cap = IMAGE_CAPS["sigma" if count == (2, 2) else "test_sigma"]
        values = sorted(dict.fromkeys(fields.clamp(v, cap) for v in values if np.isfinite(v)))
        if count == (2, 2) and len(values) == 1:
            values = values * 2
        if not count[0] <= len(values) <= count[1]:
            raise ValueError("count")
        return tuple(values)

    return read


FIELDS: dict[str, fields.Field] = {
    "image": fields.custom(lambda text, strict: text.strip(), f"choose one of {', '.join(PHOTOS)}"),
    "train_sigma": fields.custom(_sigmas((2, 2)), "give LO,HI in 0-100 (units of 1/255), e.g. 0,25"),
    "test_sigmas": fields.custom(_sigmas((1, MAX_TEST_SIGMAS)), "give a comma list in 1-200, e.g. 10,50,100"),
    **{name: fields.number(IMAGE_CAPS[name]) for name in ("layers", "channels", "steps", "batch", "lr")},
    "max_seconds": fields.number(IMAGE_CAPS["max_seconds"]),
    "seed": fields.number(IMAGE_CAPS["seed"]),
}
