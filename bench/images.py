"""Section (i): the Images experiment at its defaults — PSNR by σ for the noisy input, the denoiser with biases and the
bias-free one, on a held-out photograph, with the training's wall and CPU time.

`python -m bench.images [--image NAME] [--seconds S]` runs it alone and writes bench/results_images.md; `python -m
bench` includes it as row (i).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from core.experiments.images import ImagesResult, run_images
from core.experiments.images_config import ImagesConfig

Row = tuple[str, str, str]
OUT = Path(__file__).parent / "results_images.md"
SIGMAS = (10.0, 25.0, 50.0, 75.0, 100.0)


def measure(image: str = "camera", seconds: float = 1800.0, *, quick: bool = False) -> tuple[ImagesResult, float]:
    """One default run (both nets side by side, one core each) and the 1-minute load average while it ran."""
    cfg = ImagesConfig(image=image, test_sigmas=SIGMAS, max_seconds=seconds, steps=150 if quick else 1200)
    result = run_images(cfg, parallel=True)
    return result, os.getloadavg()[0]


def table(result: ImagesResult, load: float) -> str:
    """The markdown table: PSNR (dB) by σ, then how long the training took."""
    cfg = result.config
    lo, hi = cfg.train_sigma
    lines = [
        f"Held-out photograph: {cfg.image} ({result.size[0]}×{result.size[1]}); training on the other four built-in "
        f"photographs, σ {lo:g}–{hi:g} (of 255); {cfg.layers} conv layers × {cfg.channels} channels, {cfg.steps} steps "
        f"of {cfg.batch} patches 32×32, lr {cfg.lr:g}, seed {cfg.seed}.",
        "",
        "| σ (of 255) | noisy | with biases | bias-free | bias-free − with biases |",
        "|---|---|---|---|---|",
    ]
    for s in cfg.test_sigmas:
        noisy, biased, free = result.noisy_psnr_db[s], result.biased.psnr_db[s], result.bias_free.psnr_db[s]
        lines.append(f"| {s:g} | {noisy:.1f} dB | {biased:.1f} | {free:.1f} | {free - biased:+.1f} |")
    lines.append("")
    for n in result.nets:
        name = "with biases" if n.bias else "bias-free"
        lines.append(
            f"- {name}: {n.steps_done} steps ({n.status}) in {n.train_seconds:.0f} s wall, "
            f"{n.train_cpu_seconds:.0f} s CPU; {n.params} parameters; "
            f"homogeneity error max over α {max(n.homogeneity.values()):.1e}; "
            f"denoising {n.megapixels_per_second:.2f} megapixels/s"
        )
    lines.append(
        f"- both nets side by side, one core each (`threads` {result.threads}); 1-minute load average at the end "
        f"{load:.1f} on this 2-core machine (shared with other work: wall times are pessimistic, CPU times are not)."
    )
    return "\n".join(lines)


def images(*, quick: bool) -> list[Row]:
    """(i) images: a denoiser with biases vs bias-free at σ = 100 after training on σ ≤ 25"""
    result, _load = measure(quick=quick)
    s = 100.0
    free, biased = result.bias_free.psnr_db[s], result.biased.psnr_db[s]
    cpu = max(n.train_cpu_seconds for n in result.nets)
    return [
        (
            "(i) Images: PSNR at σ = 100 after training on σ 0–25, held-out photograph",
            f"bias-free {free:.1f} dB, with biases {biased:.1f} dB ({free - biased:+.1f} dB)",
            f"defaults of `python -m core images`; {cpu:.0f} s CPU per net, both nets side by side; full table in "
            "bench/results_images.md",
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.images")
    parser.add_argument("--image", default="camera", help="the held-out photograph (default camera)")
    parser.add_argument("--seconds", type=float, default=1800.0, help="time cap per net (default 1800: not binding)")
    parser.add_argument("--store", help="also keep the result in this result store (e.g. the server's results.sqlite3)")
    parser.add_argument("--quick", action="store_true", help="150 steps: a smoke run, not for the README")
    args = parser.parse_args()
    start = time.perf_counter()
    result, load = measure(args.image, args.seconds, quick=args.quick)
    text = "\n".join(
        [
            "# ScaleLab benchmark: Images",
            "",
            f"Python {platform.python_version()}; measured {time.strftime('%Y-%m-%d %H:%M')} in "
            f"{time.perf_counter() - start:.0f} s" + (" (--quick)" if args.quick else "") + ".",
            "",
            table(result, load),
            "",
        ]
    )
    print(text)
    if args.store:  # the page replays it: open /Images?image=camera&max_seconds=1800 on a server using this store
        from core.runtime.store import ResultStore

        ResultStore(args.store).put("images", result.config, result)
    if not args.quick:
        OUT.write_text(text, encoding="utf-8")
        print(f"written to {OUT}")


if __name__ == "__main__":
    main()
