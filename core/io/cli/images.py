"""`python -m core images`: a denoiser with biases against its bias-free twin on a held-out photograph.

Progress goes to stderr (about every 5 s), the result to stdout: a table, or with --json one object (docs/cli.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from typing import Any

from core.experiments.images import ImagesResult
from core.experiments.images_config import IMAGE_CAPS, ImagesConfig
from core.io.cli.common import finite, read_file
from core.io.photos import PHOTOS, Photo, read_photo

_FIELDS = ("train_sigma", "test_sigmas", "steps", "max_seconds", "batch", "lr", "layers", "channels", "seed")
PROGRESS_SECONDS = 5.0


def add_parser(sub: Any) -> None:
    """The `images` subcommand and its flags."""
    d = ImagesConfig()
    q = d.to_query()
    p = sub.add_parser("images", help="denoise a held-out photograph: a conv net with biases vs its bias-free twin")
    p.add_argument(
        "--image", help=f"a built-in photograph ({', '.join(PHOTOS)}) or a PNG/JPEG/TIFF file (default {d.image})"
    )
    p.add_argument(
        "--train-sigma", dest="train_sigma", help=f"training noise LO,HI in units of 1/255 (default {q['train_sigma']})"
    )
    p.add_argument(
        "--test-sigmas", dest="test_sigmas", help=f"noise levels to report, comma list (default {q['test_sigmas']})"
    )
    p.add_argument("--steps", help=f"training steps per net ({IMAGE_CAPS['steps'].describe()}; default {d.steps})")
    p.add_argument("--seconds", dest="max_seconds", help=f"time budget per net, seconds (default {d.max_seconds:g})")
    p.add_argument("--batch", help=f"32×32 patches per step (default {d.batch})")
    p.add_argument("--lr", help=f"Adam learning rate (default {d.lr:g})")
    p.add_argument("--layers", help=f"conv layers ({IMAGE_CAPS['layers'].describe()}; default {d.layers})")
    p.add_argument("--channels", help=f"channels per conv ({IMAGE_CAPS['channels'].describe()}; default {d.channels})")
    p.add_argument("--seed", help=f"random seed (default {d.seed})")
    p.add_argument(
        "--serial", action="store_true", help="train the nets one after the other on one core (default: both at once)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")


def main(args: argparse.Namespace) -> int:
    """Parse, train, print; bad input raises ConfigError or ImageError (the caller prints one line, exits 2)."""
    values = {k: getattr(args, k) for k in _FIELDS if getattr(args, k) is not None}
    photo = _photo(args.image)
    if photo is not None:
        values["image"] = photo.name
    elif args.image is not None:
        values["image"] = args.image
    cfg = ImagesConfig.parse(values)
    from core.experiments.images import run_images

    last = [time.monotonic()]

    def progress(k: int, step: int, loss: float, elapsed: float) -> None:
        if time.monotonic() - last[0] >= PROGRESS_SECONDS:
            last[0] = time.monotonic()
            net = ("with biases", "bias-free")[k]
            print(f"images: {net}: step {step}/{cfg.steps}, {elapsed:.0f} s", file=sys.stderr, flush=True)

    result = run_images(cfg, photo, on_progress=progress, parallel=not args.serial)
    print(json.dumps(finite(result.to_json()), indent=2) if args.json else table(result))
    return 0


def _photo(image: str | None) -> Photo | None:
    """A file named by --image, read as an upload (its name: upload:<sha256 prefix>); None for a built-in name."""
    if image is None or image in PHOTOS:
        return None
    from core.fields import ConfigError

    if "." not in image and "/" not in image:
        raise ConfigError(f"image={image!r} is unknown: choose one of {', '.join(PHOTOS)} or give a file path")
    data = read_file(image)
    return read_photo(data, name="upload:" + hashlib.sha256(data).hexdigest()[:16])


def table(result: ImagesResult) -> str:
    """PSNR by σ for the noisy input and each net, then homogeneity and cost."""
    cfg = result.config
    lo, hi = cfg.train_sigma
    lines = [
        f"{cfg.image} ({result.size[0]}×{result.size[1]}), trained on sigma {lo:g}-{hi:g}/255; PSNR in dB",
        f"{'sigma':>6} {'noisy':>7} {'biased':>7} {'bias-free':>9}",
    ]
    for s in cfg.test_sigmas:
        noisy, biased, free = result.noisy_psnr_db[s], result.biased.psnr_db[s], result.bias_free.psnr_db[s]
        lines.append(f"{s:>6g} {noisy:>7.2f} {biased:>7.2f} {free:>9.2f}")
    for n in result.nets:
        name = "biased" if n.bias else "bias-free"
        lines.append(
            f"{name}: homogeneity error {max(n.homogeneity.values()):.2e}, {n.params} parameters, "
            f"{n.steps_done} steps in {n.train_seconds:.1f} s ({n.status}), {n.megapixels_per_second:.2f} Mpx/s"
        )
    lines.append(f"{result.macs_per_pixel * 1_000_000:.3g} multiply-adds per megapixel; {result.threads} thread(s)")
    return "\n".join(lines)
