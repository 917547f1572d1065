"""The denoiser: a bias-free conv net is positively homogeneous to float precision, a biased one is not; its counted
size equals torch's; patches are what they say; and, trained, the bias-free net wins far outside its noise range."""

from __future__ import annotations

import pytest
import torch

from core.experiments.images import run_images
from core.experiments.images_config import ImagesConfig
from core.science.denoise import (
    Denoiser,
    add_noise,
    denoise,
    denoiser_macs_per_pixel,
    denoiser_params,
    homogeneity_error,
    init_denoiser,
    psnr,
    sample_patches,
)


def _net(bias: bool, seed: int = 0) -> Denoiser:
    model = Denoiser(layers=4, channels=8, bias=bias)
    init_denoiser(model, rng=torch.Generator().manual_seed(seed))
    if bias:  # zero-initialised biases would make the biased net homogeneous too: give them values
        with torch.no_grad():
            for conv in model.convs():
                conv.bias.normal_(0, 0.1, generator=torch.Generator().manual_seed(seed + 1))
    return model.double()


@pytest.mark.parametrize("alpha", [1e-3, 0.25, 2.0, 1e3])
def test_bias_free_denoiser_is_positively_homogeneous_to_float_precision(alpha: float) -> None:
    y = torch.rand(40, 56, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    assert homogeneity_error(_net(bias=False), y, alpha) < 1e-13


def test_a_denoiser_with_biases_is_not_homogeneous() -> None:
    y = torch.rand(40, 56, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    assert homogeneity_error(_net(bias=True), y, 4.0) > 1e-2


@pytest.mark.parametrize("bias", [False, True])
def test_counted_parameters_equal_numel_and_the_output_keeps_the_input_shape(bias: bool) -> None:
    model = Denoiser(layers=6, channels=32, bias=bias)
    assert denoiser_params(layers=6, channels=32, bias=bias) == sum(p.numel() for p in model.parameters())
    assert denoise(model, torch.zeros(37, 51)).shape == (37, 51)


def test_multiply_adds_per_pixel_are_nine_times_in_times_out_per_conv() -> None:
    # 1→32, four 32→32, 32→1: 9·(32 + 4·1024 + 32)
    assert denoiser_macs_per_pixel(layers=6, channels=32) == 9 * (32 + 4 * 1024 + 32)
    assert denoiser_macs_per_pixel(layers=6, channels=32) == denoiser_params(layers=6, channels=32, bias=False)


def test_patches_are_crops_with_the_asked_noise_and_the_same_seed_gives_the_same_batch() -> None:
    images = [torch.rand(40, 50, generator=torch.Generator().manual_seed(k)) for k in range(3)]
    y, x = sample_patches(images, 64, 16, (10.0, 10.0), rng=torch.Generator().manual_seed(0))
    assert y.shape == x.shape == (64, 1, 16, 16)
    assert abs((y - x).std().item() - 10 / 255) < 0.002  # σ is in units of 1/255
    y2, x2 = sample_patches(images, 64, 16, (10.0, 10.0), rng=torch.Generator().manual_seed(0))
    assert torch.equal(y, y2) and torch.equal(x, x2)
    small = [img[:20, :22] for img in images]
    clean, _ = sample_patches(small, 4, 16, (0.0, 0.0), rng=torch.Generator().manual_seed(1))
    assert all(any(_is_crop(p[0], img) for img in small) for p in clean)


def _is_crop(patch: torch.Tensor, img: torch.Tensor) -> bool:
    """Whether patch is a (possibly flipped) crop of img."""
    s = patch.shape[0]
    for flip in ([], [0], [1], [0, 1]):
        p = patch.flip(dims=flip) if flip else patch
        for r in range(img.shape[0] - s + 1):
            for c in range(img.shape[1] - s + 1):
                if torch.equal(img[r : r + s, c : c + s], p):
                    return True
    return False


def test_psnr_of_noise_sigma_is_twenty_log10_of_255_over_sigma() -> None:
    x = torch.full((300, 300), 0.5, dtype=torch.float64)
    y = add_noise(x, 25.0, rng=torch.Generator().manual_seed(0))
    assert psnr(y, x) == pytest.approx(20 * torch.log10(torch.tensor(255 / 25)).item(), abs=0.05)


@pytest.mark.slow
def test_bias_free_denoiser_beats_the_biased_one_far_outside_its_training_noise() -> None:
    """Trained on σ ≤ 25 (4 layers of 16 channels, ~11 s of CPU per net), judged at σ = 100 on a held-out photo;
    measured: 17.0 vs 12.3 dB at σ = 100, 30.7 vs 31.1 dB at σ = 15. The time cap is set out of reach: a run cut
    short by a busy machine would be another run."""
    cfg = ImagesConfig(
        image="camera", layers=4, channels=16, steps=1000, batch=8, max_seconds=1800, test_sigmas=(15.0, 100.0)
    )
    result = run_images(cfg, parallel=True)
    assert all(n.status == "ok" for n in result.nets)
    free, biased = result.bias_free.psnr_db, result.biased.psnr_db
    assert free[100.0] > biased[100.0] + 3.0  # Mohan et al.'s effect: several dB far outside the range
    assert abs(free[15.0] - biased[15.0]) < 1.0  # inside the range the two are alike
    assert free[100.0] > result.noisy_psnr_db[100.0] + 5.0  # and the bias-free net does denoise there
    assert max(result.bias_free.homogeneity.values()) < 1e-5  # float32 on a real photograph
