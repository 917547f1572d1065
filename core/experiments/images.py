"""The Images experiment: a denoiser with biases and its bias-free twin, trained on the same noisy patches of the
built-in photographs at noise levels σ in a training range, then judged on a held-out photograph at every σ up to 100.

The settings are `ImagesConfig` (core/experiments/images_config.py). `run_images` returns an `ImagesResult` of plain
numbers and PNG bytes, so the result store keeps it and a revisit replays it.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import torch

from core.experiments.images_config import ALPHAS, CURVE_SIGMAS, HOMOGENEITY_SIGMA, PATCH, ImagesConfig
from core.experiments.run import rng_for
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
TRAIN_STREAM, NOISE_STREAM = 1, 3  # rng_for streams: the training batches (both nets alike), the test noise
# progress(k, step, loss, elapsed): k = 0 the biased net, 1 the bias-free net
ImagesProgress = Callable[[int, int, float, float], None]


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
