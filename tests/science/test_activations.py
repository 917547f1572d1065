"""The activation table is pure Python: the config reads its names without loading torch."""

import subprocess
import sys

from core.config import ACTIVATION_NAMES
from core.science.activations import ACTIVATIONS_TABLE, is_homogeneous
from core.science.problems import one_layer_floor, sensing_matrix
from tests import ROOT


def test_config_names_are_the_table_and_import_no_torch() -> None:
    assert tuple(ACTIVATIONS_TABLE) == ACTIVATION_NAMES
    code = "import core.config, sys; assert 'torch' not in sys.modules, 'core.config loaded torch'"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_floor_applies_exactly_to_the_homogeneous_activations() -> None:
    import torch

    A = sensing_matrix(8, 16, rng=torch.Generator().manual_seed(0))
    for name in ACTIVATIONS_TABLE:
        applies = one_layer_floor(A, signal="signed", bias=False, activation=name) is not None
        assert applies == is_homogeneous(name) == (name in ("relu", "leaky_relu", "abs"))
    assert not is_homogeneous("swish")  # a name not in the table
