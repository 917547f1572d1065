"""Facts about the network itself: homogeneity, the one-layer odd part (its sizes: test_sizes.py)."""

import pytest
import torch

from core.config import Config
from core.science.activations import ACTIVATIONS_TABLE
from core.science.evaluate import HOMOGENEITY_LAMBDAS, homogeneity_error
from core.science.models import ACTIVATION_MODULES, MLP, NormalisedMLP, init_weights


def _net(depth: int, *, bias: bool = False, activation: str = "relu", m: int = 12, n: int = 24) -> MLP:
    net = MLP(m, n, depth=depth, width=40, activation=activation, bias=bias)
    init_weights(net, rng=torch.Generator().manual_seed(depth))
    if bias:  # nonzero biases, as after training
        with torch.no_grad():
            for layer in net.linears():
                layer.bias.normal_(0, 0.5, generator=torch.Generator().manual_seed(7))
    return net.double()


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_bias_free_net_is_positively_homogeneous(depth: int) -> None:
    net = _net(depth)
    y = torch.randn(64, 12, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    fy = net(y)
    for lam in HOMOGENEITY_LAMBDAS:
        # float precision relative to the output's size (single entries can cancel to ~0)
        torch.testing.assert_close(net(lam * y), lam * fy, rtol=1e-12, atol=1e-12 * lam * fy.abs().max().item())
    assert homogeneity_error(net, y) < 1e-13


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_net_with_bias_is_not_homogeneous(depth: int) -> None:
    net = _net(depth, bias=True)
    y = torch.randn(64, 12, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    assert homogeneity_error(net, y) > 0.1


def test_homogeneity_error_is_measured_in_float64_even_for_a_float32_net() -> None:
    net = _net(2).float()
    y = torch.randn(64, 12, generator=torch.Generator().manual_seed(1))
    assert homogeneity_error(net, y) < 1e-13


def test_every_activation_in_the_table_has_a_torch_module_and_back() -> None:
    assert list(ACTIVATION_MODULES) == list(ACTIVATIONS_TABLE)


@pytest.mark.parametrize("name", list(ACTIVATIONS_TABLE))
def test_activation_homogeneity_class(name: str) -> None:
    """σ(λt) = λσ(t) for λ ≥ 0 exactly for the ReLU family; tanh, sigmoid, GELU, ELU, softplus break it."""
    sigma = ACTIVATION_MODULES[name]().double()
    t = torch.linspace(-3, 3, 61, dtype=torch.float64)
    worst = max((sigma(lam * t) - lam * sigma(t)).abs().max().item() for lam in (0.1, 3.0))
    assert (worst < 1e-12) == ACTIVATIONS_TABLE[name].homogeneous


@pytest.mark.parametrize("name", list(ACTIVATIONS_TABLE))
def test_activation_odd_part_matches_the_table(name: str) -> None:
    """σ(t) − σ(−t) = c·t with the table's c, or (c None) is no straight line at all."""
    sigma = ACTIVATION_MODULES[name]().double()
    t = torch.linspace(-3, 3, 61, dtype=torch.float64)
    odd = sigma(t) - sigma(-t)
    c = ACTIVATIONS_TABLE[name].odd_slope
    if c is not None:
        torch.testing.assert_close(odd, c * t, rtol=0, atol=1e-12)
    else:
        slope = (odd @ t / (t @ t)).item()  # the best straight line through 0 still misses
        assert (odd - slope * t).abs().max().item() > 1e-2


@pytest.mark.parametrize("activation", ["relu", "leaky_relu"])
def test_one_layer_odd_part_is_linear(activation: str) -> None:
    """g(y) − g(−y) = (a+b)·W2·W1·y at any width (ReLU: a+b = 1; leaky ReLU 0.1: 1.1)."""
    net = _net(1, activation=activation)
    W1, W2 = (layer.weight for layer in net.linears())
    y = torch.randn(100, 12, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    slope = {"relu": 1.0, "leaky_relu": 1.1}[activation]
    with torch.no_grad():
        torch.testing.assert_close(net(y) - net(-y), slope * y @ W1.T @ W2.T, rtol=1e-12, atol=1e-12)


def test_bias_is_off_by_default() -> None:
    net = MLP(4, 8, depth=2, width=5)
    assert all(layer.bias is None for layer in net.linears())


def _normalised(m: int = 12, n: int = 24, seed: int = 0) -> NormalisedMLP:
    """A normalised net with nonzero biases (as after training): g alone is far from homogeneous."""
    net = NormalisedMLP(m, n, width=40)
    init_weights(net.g, rng=torch.Generator().manual_seed(seed))
    with torch.no_grad():
        for layer in net.g.linears():
            layer.bias.normal_(0, 0.5, generator=torch.Generator().manual_seed(7))
    return net


def _float32_gap(net: torch.nn.Module, y: torch.Tensor) -> float:
    """max over λ of ‖f(λy) − λ f(y)‖ / ‖λ f(y)‖ computed in the net's own float32."""
    with torch.no_grad():
        fy = net(y)
        return max(((net(lam * y) - lam * fy).norm() / (lam * fy).norm()).item() for lam in HOMOGENEITY_LAMBDAS)


def test_normalised_net_with_biases_is_positively_homogeneous_in_float32() -> None:
    """‖y‖·g(y/‖y‖) is homogeneous for any g, here a one-layer net whose biases alone break it (proven, by algebra)."""
    net = _normalised()
    y = torch.randn(64, 12, generator=torch.Generator().manual_seed(1))
    assert homogeneity_error(net.g, y) > 0.1  # g itself is not homogeneous
    assert _float32_gap(net, y) < 1e-6
    assert homogeneity_error(net, y) < 1e-6


def test_normalised_net_stays_homogeneous_after_training() -> None:
    from core.experiments.run import make_problem
    from core.science.train import train

    problem = make_problem(Config(n=16, m=8, s=1))
    net = NormalisedMLP(8, 16, width=16)
    init_weights(net.g, rng=torch.Generator().manual_seed(0))
    rng = torch.Generator().manual_seed(1)
    train(net, problem, steps=50, batch=64, lr=1e-2, train_scales=(0.5, 2.0), max_seconds=30, rng=rng)
    assert any(layer.bias.abs().max() > 1e-3 for layer in net.g.linears())  # training moved the biases
    y = torch.randn(64, 8, generator=torch.Generator().manual_seed(2))
    assert _float32_gap(net, y) < 1e-6 and homogeneity_error(net, y) < 1e-6


def test_normalised_net_maps_zero_to_zero_without_nan() -> None:
    net = _normalised()
    y = torch.zeros(3, 12)
    y[1] = 1.0  # one nonzero row beside two zero rows: the guard is per signal
    out = net(y)
    assert torch.isfinite(out).all()
    assert out[0].abs().max() == 0 and out[2].abs().max() == 0 and out[1].abs().max() > 0
