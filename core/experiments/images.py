"""The Images experiment: a denoiser with biases and its bias-free twin, trained on the same noisy patches of the
built-in photographs at noise levels σ in a training range, then judged on a held-out photograph at every σ up to 100.

`ImagesConfig` is what the Images page's widgets produce, what `python -m core images` parses and what a share link
carries (fields read through core.fields). `run_images` returns an `ImagesResult` of plain numbers and PNG bytes, so
the result store keeps it and a revisit replays it.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import torch

from core import fields
from core.config import CAPS
from core.experiments.run import rng_for
from core.fields import Cap, ConfigError, check_number
from core.io.photos import PHOTOS, Photo, builtin
from core.science.denoise import (
    Denoiser,
    add_noise,
    denoise,
    denoiser_macs_per_pixel,
    homogeneity_error,
    init_denoiser,
    psnr,
    train_denoiser,
)

IMAGES_VERSION = 1  # raise with any commit that changes the numbers a config gives
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
TRAIN_STREAM, NOISE_STREAM = 1, 3  # rng_for streams: the training batches (both nets alike), the test noise
# progress(k, step, loss, elapsed): k = 0 the biased net, 1 the bias-free net
ImagesProgress = Callable[[int, int, float, float], None]


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


@dataclass(frozen=True)
class NetResult:
    """One trained denoiser: how it was trained, its PSNR (dB) by σ, its homogeneity error by α, its cost."""

    bias: bool
    params: int
    steps_done: int
    train_seconds: float
    train_cpu_seconds: float  # CPU time of the training thread: what the training cost, however busy the machine was
    status: str  # "ok", "time_budget" or "diverged" (core.science.train.TrainLog)
    psnr_db: dict[float, float]
    homogeneity: dict[float, float]  # α → ‖f(αy) − αf(y)‖ / ‖αf(y)‖
    megapixels_per_second: float  # measured: denoising the held-out photograph
    denoised_png: dict[float, bytes]  # test σ → the denoised photograph, clipped to [0, 1], 8-bit gray PNG


@dataclass(frozen=True)
class ImagesResult:
    """The pair on one held-out photograph; `nets` is (with biases, bias-free)."""

    config: ImagesConfig
    size: tuple[int, int]  # (width, height) of the photograph as judged
    changes: tuple[str, ...]  # what reading the photograph changed (core.io.photos.Photo.changes)
    noisy_psnr_db: dict[float, float]
    clean_png: bytes
    noisy_png: dict[float, bytes]
    nets: tuple[NetResult, NetResult]
    macs_per_pixel: int
    threads: int  # cores used: 1 (one net after the other) or 2 (both at once); each net trains on one
    version: int = IMAGES_VERSION

    @property
    def biased(self) -> NetResult:
        return self.nets[0]

    @property
    def bias_free(self) -> NetResult:
        return self.nets[1]

    @property
    def sigmas(self) -> tuple[float, ...]:
        """Every σ judged, ascending: the chart's and the config's test σ."""
        return tuple(sorted(set(CURVE_SIGMAS) | set(self.config.test_sigmas)))

    def to_json(self) -> dict[str, Any]:
        """The command line's JSON (docs/cli.md)."""
        rows = [
            {"sigma": s, "noisy": self.noisy_psnr_db[s], "biased": self.biased.psnr_db[s],
             "bias_free": self.bias_free.psnr_db[s]}
            for s in self.config.test_sigmas
        ]  # fmt: skip
        return {
            "image": self.config.image,
            "size": list(self.size),
            "psnr_db": rows,
            "homogeneity_error": max(self.bias_free.homogeneity.values()),
            "homogeneity_error_biased": max(self.biased.homogeneity.values()),
            # wall time of the trainings: side by side (threads 2) the longer one, else both
            "train_seconds": (max if self.threads == 2 else sum)(n.train_seconds for n in self.nets),
            "nets": [
                {
                    "bias": n.bias,
                    "params": n.params,
                    "steps": n.steps_done,
                    "train_seconds": n.train_seconds,
                    "status": n.status,
                    "megapixels_per_second": n.megapixels_per_second,
                }
                for n in self.nets
            ],
            "macs_per_megapixel": self.macs_per_pixel * 1_000_000,
            "threads": self.threads,
            "config": self.config.to_dict(),
        }


def training_photos(cfg: ImagesConfig) -> list[torch.Tensor]:
    """Every built-in photograph except the one judged, each (H, W)."""
    return [torch.from_numpy(builtin(name).pixels) for name in PHOTOS if name != cfg.image]


def run_images(
    cfg: ImagesConfig,
    photo: Photo | None = None,
    *,
    on_progress: ImagesProgress | None = None,
    parallel: bool = False,
) -> ImagesResult:
    """Train the biased net and the bias-free one (same initial weights, same patches, same noise) on one torch thread
    each — one after the other, or at once in two threads (`parallel`, for a caller that owns two cores) with the
    same numbers — and judge both on the photograph (cfg.image, or `photo` for an upload), which training never sees.
    """
    previous = torch.get_num_threads()
    torch.set_num_threads(1)  # one core per net: the numbers do not depend on how many cores the caller has
    try:
        return _run(cfg, photo, on_progress, parallel)
    finally:
        torch.set_num_threads(previous)


def _run(cfg: ImagesConfig, photo: Photo | None, on_progress: ImagesProgress | None, parallel: bool) -> ImagesResult:
    """run_images on one thread per net."""
    if photo is None:
        if cfg.image not in PHOTOS:
            raise ValueError(f"image={cfg.image!r} is not built in: pass its Photo")
        photo = builtin(cfg.image)
    x = torch.from_numpy(photo.pixels)  # (H, W)
    train_set = training_photos(cfg)
    sigmas = tuple(sorted({*CURVE_SIGMAS, *cfg.test_sigmas, HOMOGENEITY_SIGMA}))
    noisy = {
        s: add_noise(x, s, rng=rng_for(cfg.seed, NOISE_STREAM)) for s in sigmas
    }  # the same noise draw for both nets

    def one(k: int) -> NetResult:
        progress = None if on_progress is None else (lambda step, loss, t: on_progress(k, step, loss, t))
        return _train_and_judge(cfg, k == 0, train_set, x, noisy, progress)

    if parallel:  # torch's kernels release the GIL: two Python threads keep two cores busy
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="scalelab-images") as pool:
            nets = list(pool.map(one, (0, 1)))
    else:
        nets = [one(0), one(1)]
    return ImagesResult(
        config=cfg,
        size=(x.shape[1], x.shape[0]),
        changes=photo.changes,
        noisy_psnr_db={s: psnr(noisy[s], x) for s in sigmas},
        clean_png=png(x),
        noisy_png={s: png(noisy[s]) for s in cfg.test_sigmas},
        nets=(nets[0], nets[1]),
        macs_per_pixel=denoiser_macs_per_pixel(layers=cfg.layers, channels=cfg.channels),
        threads=2 if parallel else 1,
    )


def _train_and_judge(
    cfg: ImagesConfig,
    bias: bool,
    train_set: list[torch.Tensor],
    x: torch.Tensor,
    noisy: dict[float, torch.Tensor],
    on_step: Callable[[int, float, float], None] | None,
) -> NetResult:
    """One net trained, then judged on every σ; biases start at zero, so both nets start from the same weights."""
    rng = rng_for(cfg.seed, TRAIN_STREAM)  # one stream for both: the same initial weights, the same batches
    model = Denoiser(layers=cfg.layers, channels=cfg.channels, bias=bias)
    init_denoiser(model, rng=rng)
    cpu = time.thread_time()  # one torch thread per net: its kernels run in this thread
    log = train_denoiser(
        model, train_set, sigma=cfg.train_sigma, steps=cfg.steps, batch=cfg.batch, patch=PATCH, lr=cfg.lr,
        max_seconds=cfg.max_seconds, rng=rng, on_step=on_step,
    )  # fmt: skip
    cpu = time.thread_time() - cpu
    model.eval()
    start = time.perf_counter()
    outputs = {s: denoise(model, y) for s, y in noisy.items()}
    seconds = time.perf_counter() - start
    y_ref, f_ref = noisy[HOMOGENEITY_SIGMA], outputs[HOMOGENEITY_SIGMA]
    return NetResult(
        bias=bias,
        params=sum(p.numel() for p in model.parameters()),
        steps_done=log.steps_done,
        train_seconds=log.seconds,
        train_cpu_seconds=cpu,
        status=log.status,
        psnr_db={s: psnr(out, x) for s, out in outputs.items()},
        homogeneity={a: homogeneity_error(model, y_ref, a, f_ref) for a in ALPHAS},
        megapixels_per_second=len(outputs) * x.numel() / 1e6 / max(seconds, 1e-9),
        denoised_png={s: png(outputs[s]) for s in cfg.test_sigmas},
    )


def png(image: torch.Tensor) -> bytes:
    """An (H, W) image in [0, 1] (clipped) as 8-bit gray PNG bytes."""
    from PIL import Image

    pixels = (image.clamp(0, 1) * 255).round().to(torch.uint8).numpy()
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG")
    return out.getvalue()
