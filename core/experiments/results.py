"""What an experiment produces, in plain values (cacheable, JSON-ready): one result per network and per decoder.

Its own module, so readers (core.cost, core.present, ui) need not import the code that trains (core.experiments.run).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from core.config import Config
from core.i18n import Note

# Raise by one in every commit that changes the numbers a given config and seed produce (training, evaluation,
# decoders, problems): stored results carry the version that made them (core/runtime/store.py), so a page can say
# that a link's numbers come from an older version instead of passing them off as today's.
RESULTS_VERSION = 2  # 2: basis pursuit by ADMM (its errors moved at the 1e-8 level); rms_rel_error_se added


def worst_scale(by_scale: Mapping[str, float] | None) -> tuple[str, float] | None:
    """(scale key, error) at the test scale with the largest error, or None without per-scale errors."""
    return max(by_scale.items(), key=lambda kv: kv[1]) if by_scale else None


@dataclass(frozen=True)
class BaselineResult:
    """One classical decoder's numbers (the CLI's "baselines" entries)."""

    name: str  # the decoder's key in core.science.decoders.DECODERS; its label is core.present.labels.decoder_label
    homogeneous: bool
    rms_rel_error: float
    rms_rel_error_by_scale: dict[str, float]
    seconds_per_signal: float


@dataclass(frozen=True)
class ModelResult:
    """One trained network's numbers; error fields are None when training diverged at once."""

    depth: int | None  # hidden layers of an MLP (trained or hand-built); None for the unrolled net, which is no MLP
    width: int
    activation: str
    bias: bool
    params: int
    train_seconds: float
    steps_done: int
    status: str  # "ok", "time_budget" or "diverged"
    note: Note | None  # why it stopped early or does not apply, as a code (core/i18n/notes.py); None: nothing to say
    rms_rel_error: float | None
    rms_rel_error_by_scale: dict[str, float] | None
    homogeneity_error: float | None
    loss_curve: tuple[tuple[int, float], ...]  # (step, loss), thinned to ≤ core.experiments.run.LOSS_POINTS
    example: dict[str, list[float]] | None  # test scale → x̂(λy)/λ for the example signal
    kind: str = "trained"  # "hand-built": weights computed from A, no training; "unrolled": core/science/unrolled.py
    signals_per_second: float | None = None  # reconstruction throughput, measured on this machine (one thread)
    # standard error of rms_rel_error over its test signals (sampling: a proven floor bounds the expectation, so a
    # measured value may land below it by about this much); None where not measured
    rms_rel_error_se: float | None = None
    steps: int | None = None  # the unrolled net's ISTA steps (soft-thresholding iterations); None for the other kinds


@dataclass(frozen=True)
class RunResult:
    """Everything one experiment produced, in plain values (cacheable, JSON-ready)."""

    config: Config
    one_layer_floor: float | None
    models: tuple[ModelResult, ...]
    example_true: list[float]  # the example signal x (n,), unit norm
    torch_threads: int
    baselines: tuple[BaselineResult, ...] = ()
    # The bound at EVERY depth, not only one hidden layer: 1.0 when the first layer is even (|t|, bias-free, signed
    # signals: f(−y) = f(y)); None otherwise (core.science.problems.error_floor). JSON key "even_floor".
    even_floor: float | None = None
    results_version: int = RESULTS_VERSION  # the version of the code that made these numbers (may be older: a link)

    def bias_free(self, depth: int) -> ModelResult | None:
        """The trained bias-free net with this many hidden layers, if the run has one."""
        return next((m for m in self.models if m.kind == "trained" and m.depth == depth and not m.bias), None)

    def floor_for(self, model: ModelResult) -> float | None:
        """The proven lower bound on this model's error: the one-layer floor at depth 1, the even floor at any depth."""
        if model.kind != "trained" or model.depth is None or model.bias:  # the floors are for bias-free nets only
            return None
        return self.one_layer_floor if model.depth == 1 else self.even_floor

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON object (keys documented in the README); a model's "depth" is null for the unrolled net, whose
        ISTA steps are its "steps" (null for the other kinds)."""
        models = []
        for r in self.models:
            d = asdict(r)
            for key in ("loss_curve", "example"):
                d.pop(key)
            d["train_seconds"] = round(r.train_seconds, 3)
            d["note"], d["note_values"] = (r.note.key, r.note.values) if r.note else (None, {})
            models.append(d)
        return {
            "config": self.config.to_dict(),
            "one_layer_floor": self.one_layer_floor,
            "even_floor": self.even_floor,
            "models": models,
            "baselines": [asdict(b) for b in self.baselines],
        }
