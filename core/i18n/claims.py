"""The one registry of what ScaleLab claims on screen, and the thresholds its verdict words use.

Every message that states a number or a fact about the science is registered here by its catalogue key, tagged
with how sure it is — **proven** (with the one-line reason), **measured** (on this server, from the run it is
filled from, or recorded once, with where), or **stated in the paper** — or declared as what it is instead: a
setting restated, a name, feedback on input or progress. The thresholds below decide which verdict a page words
("on the floor", "near-exact", "recovers"), so the Lab, the report, the Theory page, the Cost page and the sweeps
all draw the same line. Tests hold the registry complete (every key with a digit, a value or the word proven,
measured or paper is classified) and check, page by page in both languages, that every number shown in prose
comes from a registered message filled with the run's values (tests/app/test_claims.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["proven", "measured", "recorded", "paper"]

# Verdict thresholds: the one place each line is drawn.
ON_FLOOR = 0.02  # relative: error ≤ floor·(1 + ON_FLOOR) reads "on the floor" (2,000 test signals: sampling ~0.5 %)
NEAR_EXACT = 1e-2  # RMS relative error below 1 % reads "near-exact"
FAR_BELOW = 0.5  # "far below the floor": under half of it
RECOVERS = 0.5  # a sweep cell "recovers" when at least half its test signals are within the success threshold
EXACT_PER_SIGNAL = 1e-3  # a signal counts as exactly recovered below this relative error (the Donoho–Tanner sense)
TIES_AS_EXACT = 1e-4  # cost verdict: two errors both below this are equally exact (100–2000 test signals)
FLAT_BOUNDS = (1e-4, 1e-3, 1e-2)  # "below 0.01 % / 0.1 % / 1 % at every scale": the smallest bound that holds
HOMOGENEOUS_SCORE = 0.8  # scale check: a homogeneity score at or above this counts as proportional
# The plain word a manager reads for an error (the Lab's verdict line), by the worst error over the test scales:
# below 1 % near-exact, below 10 % good, below 30 % rough, else unusable.
QUALITY_BANDS = ((NEAR_EXACT, "near_exact"), (0.1, "good"), (0.3, "rough"))


@dataclass(frozen=True)
class Claim:
    """How sure a registered message is, and why: the reason (proven), the measurement (measured, recorded) or
    the source (paper)."""

    kind: Kind
    basis: str


_RUN = "this run's numbers, on its test signals"
_FLOOR = "one layer's odd part is W₂W₁y (ReLU(t) − ReLU(−t) = t), then Eckart–Young (science.md fact 3)"
_EVEN = "|t| makes the net even; for the pair ±x, (‖f − x‖² + ‖f + x‖²)/2 = ‖f‖² + ‖x‖² (science.md fact 1)"
_HOMOG = "ReLU(λt) = λ·ReLU(t) for λ ≥ 0, layer after layer; a bias does not scale (science.md fact 1)"
_PAPER = "Bamberger, Heckel, Krahmer, arXiv:2308.02836, abstract"
_NORM = "‖λy‖·g(λy/‖λy‖) = λ‖y‖·g(y/‖y‖) for λ > 0, whatever g (science.md fact 7)"
_STUDY = "the Theory study's own run on this server (core/experiments/theory.py)"
_PILOT = "the engineer's own data, measured in the scale check (core/experiments/scalecheck.py)"
_PLACE = "basis pursuit and OMP on seeded simulated events, each candidate row appended (core/experiments/placement)"
_COST = "measured time × the volumes and price the reader entered (core/cost)"
_CONV = "convolutions without bias and zero padding are linear, ReLU(αt) = α·ReLU(t) for α ≥ 0 (science.md fact 9)"
_IMAGES = (
    "this run's two denoisers on its held-out photograph, PSNR on the same noise draw (core/experiments/images.py)"
)
_MOHAN = "Mohan, Kadkhodaie, Simoncelli, Fernandez-Granda, ICLR 2020: DnCNN vs bias-free DnCNN, σ = 100, BSD68"
_ACTS = ("relu", "leaky_relu", "abs", "tanh", "sigmoid", "gelu", "elu", "softplus", "silu")
_PRICED = ("dearer", "cheaper", "same")
_COMPARED = ("same", "better", "worse")
_VERDICTS = (*(f"{a}_{b}" for a in ("better", "worse") for b in _PRICED), "alone")

CLAIMS: dict[str, Claim] = {
    # Home
    "home.invariance": Claim("proven", _HOMOG),
    "home.business": Claim("proven", "homogeneity (fact 1) for the scale; the paper's abstract for the depth"),
    "home.business.measured": Claim("measured", "the Lab's bias scenario as stored on this server"),
    "home.finding": Claim("paper", _PAPER),
    "home.finding.paper": Claim("paper", _PAPER),
    "home.finding.proven": Claim("proven", _FLOOR),
    "home.finding.measured": Claim("measured", "the Lab's default comparison as stored on this server"),
    "home.finding.class": Claim("proven", _NORM),
    "home.finding.recorded": Claim(
        "recorded",
        "data/recorded/two_layers_s2.json, the CLI run it names; tests/experiments/test_recorded.py reruns it",
    ),
    # Lab: headline, cards, notes, chart lines
    "lab.headline_error": Claim("measured", _RUN),
    "lab.verdict_item": Claim("measured", "this run's worst error over the test scales, in QUALITY_BANDS' words"),
    "lab.headline_on_floor": Claim("proven", _FLOOR),
    "lab.headline_above_floor": Claim("proven", _FLOOR),
    "lab.headline_below_floor": Claim("proven", _FLOOR),
    "lab.headline_worst": Claim("measured", _RUN),
    "lab.card_vs_floor": Claim("measured", "the proven floor beside this run's standard error over its test signals"),
    "lab.decoder_help": Claim("measured", "seconds per signal of the decoder on this server"),
    "lab.decoder_worst": Claim("measured", _RUN),
    "lab.no_floor": Claim("proven", _FLOOR),
    "lab.even_floor": Claim("proven", _EVEN),
    "lab.card_hand_built_help": Claim("proven", "the hand-built layers compute ‖y‖₁ and soft-threshold (fact 5)"),
    "note.hand_built.exact": Claim("proven", "fact 5: exact for every 1-sparse signal when the gap condition holds"),
    "chart.floor": Claim("proven", _FLOOR),
    "chart.floor_lowrank": Claim("proven", _FLOOR + "; a d×d matrix has n = d² entries (fact 6)"),
    "chart.even_floor": Claim("proven", _EVEN),
    "ctl.normalised_help": Claim("proven", _NORM),
    "ctl.hand_built_help": Claim("proven", "science.md fact 5: the hand-built net is exact on 1-sparse signals"),
    "ctl.activation_help": Claim(
        "proven", "σ(λt) = λσ(t) iff σ = a·max(t,0) − b·max(−t,0); floor iff σ(t) − σ(−t) = c·t"
    ),
    "ctl.baselines_help": Claim(
        "proven", "x̂_λ(cy) = c·x̂_(λ/c)(y) for LASSO; basis pursuit and OMP are odd and homogeneous"
    ),
    "ctl.init_help": Claim(
        "recorded", "science.md, 'What training does today': 0.195 → 0.146 in 10 s, n=64, m=32, s=2"
    ),
    "ctl.optimizer_help": Claim(
        "recorded",
        "docs/research-two-layer.md: run 36 (0.046–0.049, 60 s, load 1.0) against run 21 (Adam, 0.084–0.086)",
    ),
    # Lab scenarios: every number in a caption is this run's (core/experiments/scenarios.py: story)
    "scenario.says.one_on_floor": Claim("measured", _RUN),
    "scenario.says.one_above_floor": Claim("measured", _RUN),
    "scenario.says.one_below_floor": Claim("measured", _RUN),
    "scenario.says.floor_proven": Claim("proven", _FLOOR),
    "scenario.says.two_near_exact": Claim("measured", _RUN),
    "scenario.says.two_error": Claim("measured", _RUN),
    "scenario.says.hand_built": Claim("measured", _RUN),
    "scenario.says.bias": Claim("measured", _RUN),
    "scenario.says.decoder_flat": Claim("measured", _RUN),
    "scenario.says.decoder_not_flat": Claim("measured", _RUN),
    "scenario.says.noise": Claim("measured", _RUN),
    "scenario.says.nonnegative": Claim("measured", _RUN),
    "scenario.says.sign_proven": Claim("proven", "with nonnegative signals −Ax never occurs (fact 4)"),
    "scenario.says.cost": Claim("measured", _RUN),
    "scenario.says.cost_decoder": Claim("measured", _RUN),
    "scenario.says.normalised": Claim("measured", _RUN),
    "scenario.says.class": Claim("proven", _NORM),
    "scenario.nonnegative.name": Claim(
        "measured", "the scenario's own run (one layer recovers 1-sparse nonnegative x)"
    ),
    # Theory
    "theory.scale.proven": Claim("proven", _HOMOG),
    "theory.scale.measured": Claim("measured", _STUDY),
    "theory.odd.proven": Claim("proven", _FLOOR),
    "theory.odd.measured": Claim("measured", _STUDY),
    "theory.odd.floor": Claim("proven", _FLOOR),
    "theory.odd.paper": Claim("paper", _PAPER),
    "theory.act.proven": Claim("proven", "science.md fact 1"),
    "theory.act.odd_yes": Claim("proven", "σ(t) − σ(−t) computed symbolically per activation"),
    "theory.act.measured": Claim("measured", _STUDY),
    **{f"theory.act.why_{p}.{a}": Claim("proven", "the activation's formula") for p in ("homog", "odd") for a in _ACTS},
    "theory.sign.proven": Claim("proven", "science.md fact 4: with x ≥ 0, −Ax never occurs"),
    "theory.sign.measured": Claim("measured", _STUDY),
    "theory.sign.measured_close": Claim("measured", _STUDY),
    "theory.noise.paper": Claim("paper", _PAPER),
    "theory.noise.measured": Claim("measured", _STUDY),
    "theory.noise.one_above": Claim("measured", _STUDY),
    "theory.noise.one_below": Claim("measured", _STUDY),
    "theory.bias.proven": Claim("proven", "x̂_λ(cy) = c·x̂_(λ/c)(y) (science.md, classical decoders)"),
    "theory.bias.measured": Claim("measured", _STUDY),
    "theory.chart.signed_floor": Claim("proven", _FLOOR),
    "theory.chart.noise_floor": Claim("proven", _FLOOR),
    # Cost
    "cost.verdict.sentence": Claim("measured", _COST),
    **{f"cost.verdict.main.{v}": Claim("measured", _COST) for v in _VERDICTS},
    **{f"cost.verdict.dec.{a}.{b}": Claim("measured", _COST) for a in _COMPARED for b in _PRICED},
    "cost.note.memory": Claim(
        "recorded", "the Python and torch runtime's resident memory, measured once on this machine"
    ),
    "cost.note.price": Claim("recorded", "public cloud list prices for one vCPU-hour on demand, an assumption"),
    "costpage.price_help": Claim(
        "recorded", "public cloud list prices for one vCPU-hour, an assumption the reader sets"
    ),
    # Pilot and the scale check
    "pilot.parallel": Claim("proven", "without noise distinct columns can be told apart; ‖a_i − a_j‖ small vs noise"),
    "pilot.sign_help": Claim("proven", _FLOOR),
    "pilot.matrix_shape": Claim("measured", "computed from the engineer's A"),
    "pilot.step4_help": Claim("recorded", "the numpy-only decode function shown in the README, counted once"),
    "pilot.decode_done": Claim("measured", "the rows of the engineer's Y decoded by the exported model"),
    "pilot.decode_outside": Claim("measured", "‖x̂‖ of each decoded row against the range Step 2 measured"),
    "pilot.next.decoder": Claim("measured", "step 2's run on the engineer's A: the lowest worst-scale error"),
    "pilot.next.alike": Claim("measured", "cosines of the engineer's A's columns; the noise remark as pilot.parallel"),
    "pilot.next.all_separable": Claim("measured", "cosines of the engineer's A's columns"),
    "pilot.next.hopeless": Claim("measured", "cosines of A with every candidate row appended at once"),
    "pilot.next.place": Claim("measured", _PLACE),
    "pilot.next.no_gain": Claim("measured", _PLACE),
    "pilot.next.change": Claim("measured", _PLACE),
    "pilot.next.place_pairs": Claim("measured", _PLACE),
    "pilot.next.confirmed": Claim("measured", "short trainings of the two-layer net on A without and with the row"),
    "pilot.next.not_confirmed": Claim("measured", "short trainings of the two-layer net on A without and with the row"),
    "scalecheck.reason.homogeneous": Claim("measured", _PILOT),
    "scalecheck.reason.not_homogeneous": Claim("measured", _PILOT),
    "scalecheck.reason.extrapolation": Claim("measured", _PILOT),
    "scalecheck.advice.narrow": Claim("measured", _PILOT),
    # Sweep
    "sweep.summary": Claim("measured", "this sweep's cells"),
    "sweep.summary_floor": Claim("proven", _FLOOR),
    "sweep.chart_dt": Claim("paper", "Donoho, Maleki, Montanari, PNAS 2009, eq. 5: asymptotic, Gaussian A"),
    "sweep.chart_floor": Claim("proven", _FLOOR),
    "sweep.why_nets": Claim("recorded", "science.md fact 8 and 'What training does today' (n=64, m=32, s=2)"),
    "sweep.why_nets_recipe": Claim(
        "recorded", "docs/research-two-layer.md, run 36: 0.046–0.049 within 60 s, three seeds"
    ),
    "sweep.optimizer_help": Claim("recorded", "docs/research-two-layer.md, run 36; the recipe's settings, core.config"),
    # Images (Mohan et al.'s effect, not Bamberger et al.'s)
    "images.intro": Claim("proven", _CONV),
    "images.headline": Claim("measured", _IMAGES),
    "images.noisy": Claim("measured", _IMAGES),
    "images.out.biased": Claim("measured", _IMAGES),
    "images.out.free": Claim("measured", _IMAGES),
    "images.homog.free": Claim("measured", "‖f(αy) − αf(y)‖/‖αf(y)‖ of this run's bias-free net on the held-out photo"),
    "images.homog.biased": Claim("measured", "‖f(αy) − αf(y)‖/‖αf(y)‖ of this run's biased net on the held-out photo"),
    "images.homog.proven": Claim("proven", _CONV),
    "images.paper": Claim("paper", _MOHAN),
    "images.measured": Claim("measured", _IMAGES),
    "images.cost.note": Claim("measured", "this run's training time and denoising speed on this server"),
    # Report
    "report.say.one_on_floor": Claim("measured", _RUN),
    "report.say.one_above_floor": Claim("measured", _RUN),
    "report.say.one_vs_floor": Claim("measured", _RUN),
    "report.say.one_no_floor": Claim("measured", _RUN),
    "report.say.flat": Claim("measured", _RUN),
    "report.say.range": Claim("measured", _RUN),
    "report.say.versus": Claim("measured", _RUN),
    "report.say.bias_jump": Claim("measured", _RUN),
    "report.say.bias_flat": Claim("measured", _RUN),
    "report.say.hand_built": Claim("measured", _RUN),
    "report.say.decoder_flat": Claim("measured", _RUN),
    "report.say.decoder_slower": Claim("measured", _RUN),
    "report.say.decoder_not_invariant": Claim("measured", _RUN),
    "report.say.decoder_range": Claim("measured", _RUN),
    "report.say.training_time": Claim("measured", _RUN),
    "report.results.floor": Claim("proven", _FLOOR),
    "report.results.floor_lowrank": Claim("proven", _FLOOR + "; a d×d matrix has n = d² entries (fact 6)"),
    "report.results.even_floor": Claim("proven", _EVEN),
    "report.cost.verdict": Claim("measured", _COST),
    "report.reference": Claim("paper", _PAPER),
}

# Messages that state a number but claim nothing about the science, by what they are instead: a key (or a family of
# keys, ending in ".") whose text has a digit, a value or the word proven / measured / paper must be a claim above or
# one of these (tests/i18n/test_claims.py).
NOT_CLAIMS: dict[str, tuple[str, ...]] = {
    # what the reader chose, or what the app does by construction (its settings, test scales, columns, chart axes)
    "setting": (
        "home.subtitle", "home.business.measure_it", "home.step1", "home.step2", "home.step3", "home.finding.measure_it", "lab.intro",
        "lab.card_worst", "lab.press_train_recipe", "lab.card_steps", "lab.card_cost", "lab.details_caption", "lab.scenario_caption",
        "ctl.",
        "scenario.says.to_cost", "theory.intro", "theory.badge.", "theory.computing", "theory.chart.",
        "chart.error_y", "chart.hover", "chart.example_title", "chart.preview_signal", "chart.preview_measured", "costpage.", "cost.col.", "cost.prov.",
        "cost.note.measured", "cost.note.per_1000", "volume.", "pilot.step1", "pilot.step2", "pilot.step3", "pilot.step3_help",
        "pilot.need_step2", "pilot.decades", "pilot.score_help", "pilot.sample_leak", "sweep.deltas_help",
        "sweep.rhos_help", "sweep.optimizer", "sweep.tick_m", "sweep.cell_s", "sweep.chart_x", "sweep.matrix_shape", "sweep.address_help", "sweep.remote_refused", "sweep.work",
        "sweep.ran_on", "sweep.chart_title.", "report.generated", "report.intro", "report.problem.",
        "report.summary.note", "report.say.seed", "report.say.no_result", "report.results.no_floor",
        "report.results.error_note", "report.col.", "report.cost.monthly", "report.cost.per_volume", "report.cost.sources", "report.cost.assumed", "pilot.intro",
        "pilot.step2_help", "pilot.upload_matrix", "pilot.sample_net3", "pilot.sample_net3_matrix",
        "pilot.magnitudes_kept", "pilot.step4", "pilot.need_step2_export", "pilot.upload_measurements", "pilot.preview",
        "sweep.intro", "nav.", "home.to_", "home.step2_link", "theory.q.", "theory.scale.what",
        "theory.odd.what", "theory.odd.trained", "theory.act.col_", "theory.sign.what", "theory.noise.what",
        "cost.input.", "pilot.pick_both", "pilot.compare", "report.title", "report.cost.macs", "report.field.",
        "pilot.next.col.", "pilot.next.method", "pilot.next.sample_net3", "pilot.next.enough", "pilot.next.upload_hint",
        "pilot.next.rank_hint", "pilot.next.upload", "pilot.next.rank", "pilot.next.now", "pilot.next.enough_short",
        "images.headline_metric", "images.homog.where", "images.details_text", "images.train_sigma", "images.chart_x",
        "images.cost.col.", "images.none_yet", "images.upload_help", "images.run",
    ),
    # names of models, decoders and problems
    "name": (
        "model.", "decoder.", "problem.", "optimizer.", "theory.net.", "cost.who.", "sweep.dec.", "lab.title", "home.pilot",
        *(f"scenario.{name}.name" for name in ("floor", "two_layers", "bias", "noise", "cost", "depth_or_norm")),
    ),
    # feedback on input, progress and failures (the reader's files, settings and links)
    "feedback": (
        "config.", "csv.", "scalecheck.error.", "note.", "lab.cannot_run", "lab.process_failed", "lab.progress",
        "theory.failed", "pilot.read_as", "pilot.read_as_xlsx", "pilot.read_as_parquet", "lab.busy", "sweep.busy",
        "pilot.next.candidates", "pilot.next.ranking", "pilot.next.training", "pilot.next.none_new",
        "lab.full.", "lab.over_budget", "lab.older_version", "sweep.progress", "sweep.stopped", "sweep.missing", "sweep.cluster_error",
        "images.upload_read", "images.progress.", "images.status.", "images.failed", "images.busy", "image.err.", "image.done.",
    ),
}  # fmt: skip


def claim(key: str) -> Claim | None:
    """The registered claim of message `key`, or None if it claims nothing."""
    return CLAIMS.get(key)


def category(key: str) -> str | None:
    """What message `key` is: its claim's kind, a non-claim category, or None if it is not classified."""
    if key in CLAIMS:
        return CLAIMS[key].kind
    return next((cat for cat, names in NOT_CLAIMS.items() if any(_matches(key, n) for n in names)), None)


def _matches(key: str, name: str) -> bool:
    """A family ("csv.", "home.to_") holds every key under it; any other name is one key."""
    return key.startswith(name) if name.endswith((".", "_")) else key == name


def floor_verdict(error: float, floor: float) -> Literal["on", "above", "below"]:
    """'on' the proven floor (within ON_FLOOR of it, relative), 'above' it, or 'below' it (the floor bounds the
    average over all signals; a finite test set can land below it by sampling, or the signals are not the floor's)."""
    gap = error / floor - 1
    return "on" if abs(gap) <= ON_FLOOR else ("above" if gap > 0 else "below")


def quality(error: float) -> str:
    """The verdict word for an error: near_exact, good, rough or unusable (QUALITY_BANDS)."""
    return next((word for bound, word in QUALITY_BANDS if error < bound), "unusable")


def flat_bound(worst: float) -> float | None:
    """The smallest of FLAT_BOUNDS that the worst error over scales stays below, or None."""
    return next((b for b in FLAT_BOUNDS if worst < b), None)
