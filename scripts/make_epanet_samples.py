"""Write the EPANET Net3 leak case (data/epanet/*.csv) from WNTR's hydraulic simulation, deterministically.

    pip install wntr==1.5.0            # optional: only this script imports it (pyproject extra `epanet`)
    python scripts/make_epanet_samples.py [--out DIR]

Net3 (EPANET's benchmark network, bundled with WNTR) at steady state (duration 0, demand-driven, hydraulic
accuracy 1e-8). A leak is an emitter at a junction, q = c·√p with c in SI units (m³/s per √m of pressure head).
data/epanet/README.md describes the files; the script prints the simulator's own proportionality per range.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "data" / "epanet"
SEED = 20261203
N_SENSORS, N_CANDIDATES, N_SAMPLES = 12, 40, 300
C_LINEAR = 3e-5  # the small leak at which A is linearised: inside the proportional range, far above float32 steps
C_RANGE = (1e-7, 1e-2)  # leak coefficients of the paired samples: five decades, log-uniform
MIN_PRESSURE_M = 10.0  # junctions below this head at rest are neither sensors nor leak candidates


class Net3:
    """Net3 at steady state; pressures with leaks at some junctions."""

    def __init__(self) -> None:
        import wntr

        self.wntr = wntr
        inp = Path(wntr.__file__).parent / "library" / "networks" / "Net3.inp"
        self.wn = wntr.network.WaterNetworkModel(str(inp))
        self.wn.options.time.duration = 0
        self.wn.options.hydraulic.accuracy = 1e-8
        self.wn.options.hydraulic.trials = 1000
        self.folder = tempfile.mkdtemp(prefix="net3_")
        self.rest = self.pressures({})

    def pressures(self, leaks: dict[str, float]) -> pd.Series:
        """Pressure head (m) at every node with these emitter coefficients (SI)."""
        for name, c in leaks.items():
            self.wn.get_node(name).emitter_coefficient = c
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sim = self.wntr.sim.EpanetSimulator(self.wn)
            result = sim.run_sim(file_prefix=os.path.join(self.folder, "net3"))
        for name in leaks:
            self.wn.get_node(name).emitter_coefficient = None
        return result.node["pressure"].iloc[0]

    def drop(self, junction: str, c: float, at: list[str]) -> np.ndarray:
        """Pressure drop (m) at the nodes `at` for a leak of coefficient c at `junction`."""
        return (self.rest - self.pressures({junction: c}))[at].to_numpy(dtype=np.float64)


def pick(names: list[str], count: int, offset: float) -> list[str]:
    """`count` names evenly spread over the list, starting `offset` of a step in."""
    step = len(names) / count
    return [names[int(offset * step + k * step)] for k in range(count)]


def main(out: Path = OUT) -> dict[str, Path]:
    """Simulate and write the three files; return their paths."""
    net = Net3()
    usable = sorted((j for j in net.wn.junction_name_list if net.rest[j] > MIN_PRESSURE_M), key=int)
    sensors, candidates = pick(usable, N_SENSORS, 0.5), pick(usable, N_CANDIDATES, 0.25)
    response = np.stack([net.drop(j, C_LINEAR, usable) / C_LINEAR for j in candidates], axis=1)  # (junctions, n)
    leak_cols = [f"leak J-{j}" for j in candidates]
    everywhere = pd.DataFrame(response, columns=leak_cols)
    everywhere.insert(0, "junction", [f"J-{j}" for j in usable])
    A = everywhere[everywhere["junction"].isin([f"J-{s}" for s in sensors])].rename(columns={"junction": "sensor"})

    rng = np.random.default_rng(SEED)
    where = rng.integers(N_CANDIDATES, size=N_SAMPLES)
    sizes = np.exp(rng.uniform(*np.log(C_RANGE), size=N_SAMPLES))
    X = np.zeros((N_SAMPLES, N_CANDIDATES))
    X[np.arange(N_SAMPLES), where] = sizes
    Y = np.stack([net.drop(candidates[k], c, sensors) for k, c in zip(where, sizes)])
    Y10 = np.stack([net.drop(candidates[k], 10 * c, sensors) for k, c in zip(where, sizes)])
    ratio = np.linalg.norm(Y10, axis=1) / (10 * np.linalg.norm(Y, axis=1))
    samples = pd.DataFrame(X, columns=leak_cols)
    samples.insert(0, "leak at", [f"J-{candidates[k]}" for k in where])
    for i, s in enumerate(sensors):
        samples[f"drop J-{s}"] = Y[:, i]
    samples["ratio_10x"] = ratio
    units = pd.DataFrame([["", *["m3/s/m^0.5"] * N_CANDIDATES, *["m"] * N_SENSORS, ""]], columns=samples.columns)

    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in ("net3_A.csv", "net3_response_all_junctions.csv", "net3_leak_samples.csv")}
    A.to_csv(paths["net3_A.csv"], index=False, float_format="%.6g")
    everywhere.to_csv(paths["net3_response_all_junctions.csv"], index=False, float_format="%.6g")
    pd.concat([units, samples.astype(object)]).to_csv(paths["net3_leak_samples.csv"], index=False, float_format="%.6g")
    for lo, hi in ((1e-7, 1e-6), (1e-6, 3e-6), (3e-6, 3e-4), (3e-4, 1e-3), (1e-3, 1e-2)):
        inside = (sizes >= lo) & (sizes < hi)
        share = np.mean(np.abs(ratio[inside] - 1) <= 0.15) if inside.any() else float("nan")
        print(f"c in [{lo:g}, {hi:g}): {inside.sum():3d} samples, ratio within 15 % of 1 for {share:.0%}")
    print(f"WNTR {net.wntr.__version__}, sensors {sensors}, candidates {candidates[:3]}…")
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write into (default: %(default)s)")
    main(parser.parse_args().out)
