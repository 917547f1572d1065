"""A convolutional denoiser (DnCNN-style, predicting the noise) with or without bias terms, and how it is judged.

Mohan, Kadkhodaie, Simoncelli, Fernandez-Granda, "Robust and interpretable blind image denoising via bias-free
convolutional neural networks", ICLR 2020: without biases the net is positively homogeneous, f(α·y) = α·f(y) for
α ≥ 0 (every conv is linear, ReLU(αt) = α·ReLU(t), zero padding is linear), so what it learnt at one noise level
carries to every other one by scale; with biases it does not, and it fails at noise levels it never saw.

Images are gray, values in [0, 1], tensors (batch, 1, H, W); σ is given in units of 1/255 as in the paper.
"""

from __future__ import annotations

import itertools
import math

import torch
from torch import nn

from core.science.train import ProgressCallback, TrainLog, fit

KERNEL = 3  # every conv is 3×3, padding 1: the output has the input's size


class Denoiser(nn.Module):
    """y (batch, 1, H, W) → x̂ = y − r(y): `layers` 3×3 convs of `channels`, ReLU between, r predicts the noise."""

    def __init__(self, *, layers: int = 6, channels: int = 32, bias: bool = False) -> None:
        super().__init__()
        sizes = [1] + [channels] * (layers - 1) + [1]
        convs: list[nn.Module] = []
        for i in range(layers):
            convs.append(nn.Conv2d(sizes[i], sizes[i + 1], KERNEL, padding=KERNEL // 2, bias=bias))
            if i < layers - 1:
                convs.append(nn.ReLU())
        self.residual = nn.Sequential(*convs)
        self.layers, self.channels, self.bias = layers, channels, bias

    def forward(self, y: torch.Tensor) -> torch.Tensor:
        return y - self.residual(y)

    def convs(self) -> list[nn.Conv2d]:
        """The conv layers, input side first."""
        return [c for c in self.residual if isinstance(c, nn.Conv2d)]


@torch.no_grad()
def init_denoiser(model: Denoiser, *, rng: torch.Generator) -> None:
    """He-normal weights (variance 2/fan_in; 1/fan_in for the last conv), zero biases; all from `rng`."""
    convs = model.convs()
    for i, conv in enumerate(convs):
        gain = 1.0 if i == len(convs) - 1 else 2.0
        fan_in = conv.weight[0].numel()
        conv.weight.copy_(torch.randn(conv.weight.shape, generator=rng) * math.sqrt(gain / fan_in))
        if conv.bias is not None:
            conv.bias.zero_()


def denoiser_params(*, layers: int, channels: int, bias: bool) -> int:
    """Trainable numbers: 9·in·out per conv (+ out with biases); what numel() over the parameters gives."""
    sizes = [1] + [channels] * (layers - 1) + [1]
    return sum(KERNEL * KERNEL * a * b + (b if bias else 0) for a, b in itertools.pairwise(sizes))


def denoiser_macs_per_pixel(*, layers: int, channels: int) -> int:
    """Multiply-adds per output pixel: 9·in·out per conv (ReLU, bias and the final subtraction are not counted)."""
    sizes = [1] + [channels] * (layers - 1) + [1]
    return sum(KERNEL * KERNEL * a * b for a, b in itertools.pairwise(sizes))


def sample_patches(
    images: list[torch.Tensor], batch: int, size: int, sigma: tuple[float, float], *, rng: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """(noisy y, clean x), each (batch, 1, size, size): random patches of random images, random flips, noise σ drawn
    uniformly in `sigma` (units of 1/255) per patch. Each image is (H, W) with H, W ≥ size."""
    which = torch.randint(len(images), (batch,), generator=rng).tolist()
    corners = torch.rand(batch, 2, generator=rng).tolist()
    flips = torch.randint(4, (batch,), generator=rng).tolist()
    patches = []
    for i, (u, v), flip in zip(which, corners, flips):
        img = images[i]
        r, c = int(u * (img.shape[0] - size + 1)), int(v * (img.shape[1] - size + 1))
        p = img[r : r + size, c : c + size]
        patches.append(p.flip(dims=[d for d, on in ((0, flip & 1), (1, flip & 2)) if on]) if flip else p)
    x = torch.stack(patches).unsqueeze(1)  # (batch, 1, size, size)
    lo, hi = sigma
    s = (lo + (hi - lo) * torch.rand(batch, 1, 1, 1, generator=rng)) / 255.0
    return x + s * torch.randn(x.shape, generator=rng), x


def train_denoiser(
    model: Denoiser,
    images: list[torch.Tensor],
    *,
    sigma: tuple[float, float],
    steps: int,
    batch: int,
    patch: int,
    lr: float,
    max_seconds: float,
    rng: torch.Generator,
    on_step: ProgressCallback | None = None,
) -> TrainLog:
    """fit() on fresh noisy patches each step against the mean squared error per pixel."""

    def sample(step_rng: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        return sample_patches(images, batch, patch, sigma, rng=step_rng)

    def loss(x_hat: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        return (x_hat - x).square().mean()

    return fit(model, sample, loss, steps=steps, lr=lr, max_seconds=max_seconds, rng=rng, on_step=on_step)


def add_noise(x: torch.Tensor, sigma: float, *, rng: torch.Generator) -> torch.Tensor:
    """x (H, W) plus Gaussian noise of standard deviation σ/255; not clipped (the net sees what a sensor gives)."""
    return x + (sigma / 255.0) * torch.randn(x.shape, generator=rng)


@torch.no_grad()
def denoise(model: Denoiser, y: torch.Tensor) -> torch.Tensor:
    """The net's output for one image y (H, W), as (H, W); not clipped."""
    return model(y[None, None])[0, 0]


def psnr(x_hat: torch.Tensor, x: torch.Tensor) -> float:
    """Peak signal-to-noise ratio in dB for images in [0, 1]: 10·log10(1 / mean squared error)."""
    mse = (x_hat.double() - x.double()).square().mean().item()
    return math.inf if mse == 0 else -10.0 * math.log10(mse)


@torch.no_grad()
def homogeneity_error(model: Denoiser, y: torch.Tensor, alpha: float, fy: torch.Tensor | None = None) -> float:
    """‖f(α·y) − α·f(y)‖ / ‖α·f(y)‖ for one image y (H, W): 0 (to float rounding) for a bias-free net.
    fy: f(y) if already computed."""
    scaled = denoise(model, alpha * y)
    expected = alpha * (denoise(model, y) if fy is None else fy)
    return ((scaled - expected).norm() / expected.norm()).item()
