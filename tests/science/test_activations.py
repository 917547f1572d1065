"""The activation table states two independent properties; each is checked here against σ itself, and the floor that
follows from them against one_layer_floor / error_floor."""

import math
import subprocess
import sys

import pytest
import torch

from core.config import ACTIVATION_NAMES
from core.science.activations import ACTIVATIONS_TABLE, floor_kind, homogeneous, odd_part
from core.science.models import ACTIVATION_MODULES, MLP
from core.science.problems import SparseProblem, error_floor, one_layer_floor, sensing_matrix
from tests import ROOT

RELU_FAMILY = ("relu", "leaky_relu", "abs")
LINEAR_ODD_NOT_HOMOGENEOUS = ("gelu", "softplus", "silu")
NOT_LINEAR_ODD = ("tanh", "sigmoid", "elu")


def test_config_names_are_the_table_and_import_no_torch() -> None:
    assert tuple(ACTIVATIONS_TABLE) == ACTIVATION_NAMES
    assert set(ACTIVATION_MODULES) == set(ACTIVATIONS_TABLE)
    assert sorted(RELU_FAMILY + LINEAR_ODD_NOT_HOMOGENEOUS + NOT_LINEAR_ODD) == sorted(ACTIVATIONS_TABLE)
    code = "import core.config, sys; assert 'torch' not in sys.modules, 'core.config loaded torch'"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


@pytest.mark.parametrize("name", list(ACTIVATIONS_TABLE))
def test_odd_part_is_what_sigma_does(name: str) -> None:
    """σ(t) − σ(−t) = c·t on [−5, 5] to 1e-12 exactly when the table gives c; clearly not linear otherwise."""
    sigma = ACTIVATION_MODULES[name]()
    t = torch.linspace(-5, 5, 1001, dtype=torch.float64)
    odd = sigma(t) - sigma(-t)
    c = odd_part(name)
    if c is not None:
        assert (odd - c * t).abs().max().item() < 1e-12
    else:
        slope = (odd @ t) / (t @ t)  # the best linear fit still misses by far more than rounding
        assert (odd - slope * t).abs().max().item() > 1e-2
        assert name in NOT_LINEAR_ODD


@pytest.mark.parametrize("name", list(ACTIVATIONS_TABLE))
def test_homogeneity_is_what_a_random_bias_free_two_layer_net_does(name: str) -> None:
    torch.manual_seed(0)
    net = MLP(8, 16, depth=2, width=32, activation=name).double()
    y = torch.randn(20, 8, dtype=torch.float64)
    with torch.no_grad():
        gaps = [((net(lam * y) - lam * net(y)).norm() / (lam * net(y)).norm()).item() for lam in (1e-3, 0.5, 3.0, 1e3)]
    if homogeneous(name):
        assert max(gaps) < 1e-12 and name in RELU_FAMILY
    else:
        assert max(gaps) > 1e-6 and name not in RELU_FAMILY
    assert not homogeneous("swish") and odd_part("swish") is None  # a name not in the table


def test_the_floor_follows_the_odd_part_not_homogeneity() -> None:
    A = sensing_matrix(8, 16, rng=torch.Generator().manual_seed(0))
    rank_floor = math.sqrt(1 - 8 / 16)
    for name in ACTIVATIONS_TABLE:
        got = one_layer_floor(A, signal="signed", bias=False, activation=name)
        deep = error_floor(A, signal="signed", bias=False, activation=name, depth=3)
        if name == "abs":  # c = 0: even, error ≥ 1 at every depth
            assert got == deep == 1.0 and floor_kind(name, signal="signed", bias=False) == "even"
        elif name in NOT_LINEAR_ODD:
            assert got is None and deep is None
        else:  # relu, leaky_relu, gelu, softplus, silu: c ≠ 0, the floor at depth 1 only
            assert got == pytest.approx(rank_floor) and deep is None
        for signal, bias in (("nonnegative", False), ("signed", True)):
            assert one_layer_floor(A, signal=signal, bias=bias, activation=name) is None
            assert error_floor(A, signal=signal, bias=bias, activation=name, depth=2) is None


@pytest.mark.parametrize("depth", [2, 3])
def test_a_bias_free_net_with_an_abs_first_layer_is_even_so_its_error_is_at_least_one(depth: int) -> None:
    """f(−y) = f(y), so over each pair ±x: (‖f − x‖² + ‖f + x‖²)/2 = ‖f‖² + ‖x‖² ≥ ‖x‖², at any depth."""
    problem = SparseProblem(sensing_matrix(8, 16, rng=torch.Generator().manual_seed(1)), s=2)
    torch.manual_seed(depth)
    net = MLP(8, 16, depth=depth, width=32, activation="abs").double()
    x = problem.unit_signals(250, rng=torch.Generator().manual_seed(2)).double()
    x = torch.cat([x, -x])  # signed signals come in equally likely pairs: take both of each
    y = problem.clean(x)
    with torch.no_grad():
        f = net(y)
        assert (net(-y) - f).abs().max().item() < 1e-12
        assert problem.sq_rel_errors(f, x).mean().sqrt().item() >= 1.0


@pytest.mark.slow
@pytest.mark.parametrize("name", LINEAR_ODD_NOT_HOMOGENEOUS)
def test_a_trained_one_layer_net_with_a_linear_odd_part_never_beats_its_floor(name: str) -> None:
    """Not scale-invariant, yet on the floor at every test scale: the floor argument holds at each scale alone."""
    from core.config import Config
    from core.experiments.run import run

    r = run(Config(n=24, m=12, s=1, depths=(1,), steps=300, width=64, activation=name, baselines=(), seed=4))
    assert r.one_layer_floor == pytest.approx(math.sqrt(1 - 12 / 24))
    # the floor bounds the expectation; the test set's RMS estimate may sit a little below it by sampling error
    assert r.models[0].rms_rel_error >= r.one_layer_floor - 0.02
    assert min(r.models[0].rms_rel_error_by_scale.values()) >= r.one_layer_floor - 0.02


@pytest.mark.slow
def test_a_trained_two_layer_abs_net_stays_at_or_above_100_percent() -> None:
    from core.config import Config
    from core.experiments.run import run

    r = run(Config(n=24, m=12, s=1, depths=(2,), steps=300, width=64, activation="abs", baselines=(), seed=4))
    assert r.even_floor == 1.0 and r.floor_for(r.models[0]) == 1.0
    assert r.models[0].rms_rel_error >= 1.0 - 0.02
