"""One counter for every network kind: its shapes, parameters and multiply-adds match the real torch modules.

MACs are cross-checked with torch.utils.flop_counter.FlopCounterMode, which counts a (b×k)·(k×n) matrix product
(mm, addmm, matmul) as 2·b·k·n FLOPs (one multiply and one add per MAC) and leaves out elementwise ops (ReLU, bias
adds, thresholds). So sizes.macs per signal == counted FLOPs of one forward pass / 2 / batch.
"""

import subprocess
import sys

import pytest
import torch
from torch.utils.flop_counter import FlopCounterMode

import core.cost.estimate
import core.science.handbuilt
import core.science.models
import core.science.unrolled
from core.science import sizes
from core.science.handbuilt import hand_built_net
from core.science.models import MLP, NormalisedMLP, init_weights
from core.science.problems import sensing_matrix
from core.science.unrolled import UnrolledISTA
from tests import ROOT

M, N, BATCH = 12, 24, 7


def _A(m: int = M, n: int = N) -> torch.Tensor:
    return sensing_matrix(m, n, rng=torch.Generator().manual_seed(0))  # (m, n)


def _nets() -> list[tuple[torch.nn.Module, dict]]:
    """(module, the keywords sizes needs for it) for every kind, with and without bias, several depths."""
    out = []
    for depth in (1, 2, 4):
        for bias in (False, True):
            net = MLP(M, N, depth=depth, width=40, bias=bias)
            init_weights(net, rng=torch.Generator().manual_seed(depth))
            out.append((net, {"kind": "trained", "depth": depth, "width": 40, "bias": bias}))
    out.append((hand_built_net(_A()), {"kind": "hand-built"}))
    for steps in (1, 4):
        out.append((UnrolledISTA(_A(), steps=steps), {"kind": "unrolled", "steps": steps}))
    return out


def _numel(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def _flops(module: torch.nn.Module, y: torch.Tensor) -> int:
    """FLOPs torch counts for one forward pass of `module` on y (batch, m)."""
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        module(y)
    return counter.get_total_flops()


@pytest.mark.parametrize(("net", "size"), _nets(), ids=lambda v: str(v) if isinstance(v, dict) else "")
def test_counted_params_equal_numel_and_macs_equal_the_flop_counter(net: torch.nn.Module, size: dict) -> None:
    kind, rest = size["kind"], {k: v for k, v in size.items() if k != "kind"}
    assert sizes.params(kind, M, N, **rest) == _numel(net)
    y = torch.randn(BATCH, M, generator=torch.Generator().manual_seed(1))  # (batch, m)
    shape_only = {k: v for k, v in rest.items() if k != "bias"}
    assert sizes.macs(kind, M, N, **shape_only) * 2 * BATCH == _flops(net, y)


def test_mlp_and_hand_built_shapes_are_the_real_linear_layers() -> None:
    for net, size in _nets():
        if size["kind"] == "unrolled":
            continue  # W and S are parameters used in products, not nn.Linear layers
        linears = [(mod.in_features, mod.out_features) for mod in net.modules() if isinstance(mod, torch.nn.Linear)]
        shape_only = {k: v for k, v in size.items() if k not in ("kind", "bias")}
        assert sizes.shapes(size["kind"], M, N, **shape_only) == linears


def test_normalised_net_counts_its_biases_and_its_norm() -> None:
    """params == numel() (weights and biases of g); MACs are g's products (torch's counter) plus m for ‖y‖."""
    net = NormalisedMLP(M, N, width=40)
    assert sizes.params("normalised", M, N, width=40) == _numel(net) == M * 40 + 40 + 40 * N + N
    assert sizes.params("normalised", M, N, width=40, bias=True) == _numel(net)
    assert sizes.shapes("normalised", M, N, width=40) == [(M, 40), (40, N)]
    y = torch.randn(BATCH, M, generator=torch.Generator().manual_seed(1))  # (batch, m)
    assert (sizes.macs("normalised", M, N, width=40) - M) * 2 * BATCH == _flops(net, y)


def test_unrolled_shares_its_matrices_so_it_has_fewer_params_than_products() -> None:
    assert sizes.shapes("unrolled", 16, 32, steps=4) == [(16, 32), (32, 32), (32, 32), (32, 32)]
    assert sizes.params("unrolled", 16, 32, steps=4) == 16 * 32 + 32 * 32 + 4 < sizes.macs("unrolled", 16, 32, steps=4)


def test_a_bias_is_counted_as_a_parameter_but_not_as_a_multiply_add() -> None:
    plain = sizes.params("trained", 16, 32, depth=2, width=256)
    assert sizes.params("trained", 16, 32, depth=2, width=256, bias=True) == plain + 256 + 256 + 32
    assert sizes.macs("trained", 16, 32, depth=2, width=256) == plain == 16 * 256 + 256 * 256 + 256 * 32


def test_unknown_kind_and_bias_outside_the_mlp_are_refused() -> None:
    with pytest.raises(ValueError, match="kind='cnn' is unknown"):
        sizes.shapes("cnn", 4, 8)
    with pytest.raises(ValueError, match="bias=True is not allowed for kind='hand-built'"):
        sizes.params("hand-built", 4, 8, bias=True)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (core.science.models, "count_params"),
        (core.science.handbuilt, "hand_built_params"),
        (core.science.unrolled, "unrolled_params"),
        (core.science.unrolled, "unrolled_shapes"),
        (core.cost.estimate, "layer_shapes"),
        (core.cost.estimate, "hand_built_shapes"),
        (core.cost.estimate, "macs_by_layer"),
        (core.cost.estimate, "macs_per_reconstruction"),
        (core.cost.estimate, "measure_throughput"),
        (core.cost.estimate, "measure_decoder_throughput"),
    ],
)
def test_the_retired_counters_are_gone(module: object, name: str) -> None:
    assert not hasattr(module, name), f"{module.__name__}.{name} is retired: use core.science.sizes / speed"


def test_running_an_experiment_does_not_load_the_cost_package() -> None:
    """core.cost depends on core.experiments, never the other way: run.py measures speed through core.science."""
    code = "import core.experiments.run, sys; assert not any(m.startswith('core.cost') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
