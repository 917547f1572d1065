"""Write ScaleLab's sample data files (data/*.csv), deterministically from fixed seeds.

    python scripts/make_samples.py [--out DIR]     (default: the repository's data/ folder)

Only numpy is needed; the same numpy gives byte-identical files on every run (data/README.md describes them).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = 20260101

# Leak localisation: a 2 km pipe, candidate leaks every 50 m, 12 pressure sensors evenly spread.
PIPE_M, N_LEAKS, N_SENSORS, DECAY_M = 2000.0, 40, 12, 300.0
# Paired samples: 3 pressures (bar) spanning 3.5 decades → 2 outputs; 1 % relative output noise.
N_SAMPLES, P_MIN, P_MAX, NOISE = 1000, 0.01, 30.0, 0.01
LOOP_ZERO_MA, LOOP_SPAN_MA, SATURATION = 4.0, 16.0, 1.5  # 4–20 mA transmitters, tanh saturation scale


def leak_matrix() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A (12, 40): sensor i's pressure drop for a unit leak at point j; plus sensor and leak positions (m)."""
    rng = np.random.default_rng(SEED)
    leaks = (np.arange(N_LEAKS) + 0.5) * PIPE_M / N_LEAKS  # 25, 75, …, 1975 m
    sensors = np.round((np.arange(N_SENSORS) + 0.5) * PIPE_M / N_SENSORS)  # 83, 250, …, 1917 m
    A = np.exp(-np.abs(sensors[:, None] - leaks[None, :]) / DECAY_M)
    # Why perturb: real sensors differ in gain (±5 %) and the pipe is not uniform (±2 % per entry).
    gain = 1 + 0.05 * rng.uniform(-1, 1, size=(N_SENSORS, 1))
    A = A * gain * (1 + 0.02 * rng.uniform(-1, 1, size=A.shape))
    return A, sensors, leaks


def mutual_coherence(A: np.ndarray) -> float:
    """max over columns j ≠ k of |⟨a_j, a_k⟩| / (‖a_j‖‖a_k‖)."""
    U = A / np.linalg.norm(A, axis=0)
    G = np.abs(U.T @ U)
    np.fill_diagonal(G, 0)
    return float(G.max())


def pressures() -> np.ndarray:
    """X (N_SAMPLES, 3): three line pressures, magnitude log-uniform in [P_MIN, P_MAX], direction independent of it."""
    rng = np.random.default_rng(SEED + 1)
    direction = np.exp(0.4 * rng.standard_normal((N_SAMPLES, 3)))  # positive, with either pressure the larger
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    magnitude = np.exp(rng.uniform(np.log(P_MIN), np.log(P_MAX), size=(N_SAMPLES, 1)))
    return direction * magnitude


def check_valve_flows(X: np.ndarray) -> np.ndarray:
    """Y (N, 2): laminar flows through check valves, g·max(p_up − p_down, 0), plus a bleed ∝ p_2: no offsets."""
    p1, p2, p3 = X.T
    out_1 = 1.0 * _relu(p1 - p2) + 0.5 * _relu(p3 - p2)
    out_2 = 0.8 * p2 + 0.6 * _relu(p1 - p3) - 0.3 * _relu(p2 - p1)
    return np.stack([out_1, out_2], axis=1)


def _relu(t: np.ndarray) -> np.ndarray:
    """max(t, 0): a check valve passes flow one way only."""
    return np.maximum(t, 0.0)


def noisy(Y: np.ndarray, seed: int) -> np.ndarray:
    """Y plus noise of NOISE·‖y‖ per sample: relative noise keeps a homogeneous process homogeneous."""
    rng = np.random.default_rng(seed)
    scale = NOISE * np.linalg.norm(Y, axis=1, keepdims=True) / np.sqrt(Y.shape[1])
    return Y + scale * rng.standard_normal(Y.shape)


def transmitted(Y: np.ndarray) -> np.ndarray:
    """The same flows read through 4–20 mA transmitters: a 4 mA live zero (offset) and tanh saturation."""
    return LOOP_ZERO_MA + LOOP_SPAN_MA * np.tanh(Y / SATURATION)


def _csv(
    header: list[str], rows: np.ndarray, *, sep: str = ",", decimal: str = ".", label: list[str] | None = None
) -> str:
    """CSV text: 6 significant digits (enough for 1 % noise at every magnitude), '\\n' line ends."""
    lines = [sep.join(header)]
    for i, row in enumerate(rows):
        cells = [f"{v:.6g}".replace(".", decimal) for v in row]
        lines.append(sep.join(([label[i]] if label else []) + cells))
    return "\n".join(lines) + "\n"


def main(out: Path = DATA) -> dict[str, Path]:
    """Write every sample file into `out`; returns name → path."""
    out.mkdir(parents=True, exist_ok=True)
    A, _sensors, leaks = leak_matrix()
    X = pressures()
    flows = check_valve_flows(X)
    Y_hom = noisy(flows, SEED + 2)
    Y_off = noisy(transmitted(flows), SEED + 3)
    names = ["in_1", "in_2", "in_3", "out_1", "out_2"]
    files = {  # name → (text, encoding)
        # Numbers only under a header of leak positions: rows are sensors in pipe order (README says where).
        "leak_matrix.csv": (_csv([f"x{p:04.0f}m" for p in leaks], A), "utf-8"),
        "samples_homogeneous.csv": (_csv(names, np.hstack([X, Y_hom])), "utf-8"),
        "samples_offset.csv": (_csv(names, np.hstack([X, Y_off])), "utf-8"),
        # What a Japanese spreadsheet saves: Shift-JIS, semicolons, decimal commas.
        "samples_homogeneous_ja_sjis.csv": (
            _csv(["入力1", "入力2", "入力3", "出力1", "出力2"], np.hstack([X, Y_hom]), sep=";", decimal=","),
            "cp932",
        ),
    }
    print(f"leak matrix {A.shape[0]}×{A.shape[1]}: mutual coherence {mutual_coherence(A):.6f}")
    paths = {}
    for name, (text, encoding) in files.items():
        paths[name] = out / name
        paths[name].write_bytes(text.encode(encoding))
        print(f"wrote {paths[name]} ({len(text.encode(encoding)) / 1000:.1f} kB)")
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA, help="folder to write into (default: %(default)s)")
    main(parser.parse_args().out)
