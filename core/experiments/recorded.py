"""Runs recorded once with the command that made them, for pages that state a number they do not train live.

Home says that training stops short of the two-hidden-layer solution at s ≥ 2 (existence is not training,
science.md fact 8). That takes seconds to minutes of training, too long for a page load, so the number comes from
a CLI run kept in data/recorded/ with its command; tests/experiments/test_recorded.py runs the command again and
checks the file's numbers (same config and seed, same numbers).
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RECORDED_DIR = Path(__file__).resolve().parents[2] / "data" / "recorded"
TWO_LAYERS_S2 = "two_layers_s2"


@dataclass(frozen=True)
class Recorded:
    """One recorded CLI run: its command (after `python -m core`), when, and the JSON it printed."""

    name: str
    args: tuple[str, ...]
    date: str
    result: dict[str, Any]

    @property
    def command(self) -> str:
        """The command as a reader types it, without --json: its table prints the same numbers, shorter to read."""
        return "python -m core " + shlex.join(a for a in self.args if a != "--json")

    def model_error(self, kind: str = "trained", depth: int = 2) -> float:
        """The RMS relative error of the run's model of this kind and depth."""
        return next(m["rms_rel_error"] for m in self.result["models"] if (m["kind"], m["depth"]) == (kind, depth))

    def decoder_error(self, name: str) -> float:
        """The RMS relative error of the run's classical decoder `name`."""
        return next(b["rms_rel_error"] for b in self.result["baselines"] if b["name"] == name)


def recorded(name: str, directory: Path = RECORDED_DIR) -> Recorded | None:
    """The recorded run `name`, or None where the file is absent (an installed package without the clone's data)."""
    path = directory / f"{name}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Recorded(name, tuple(data["args"]), data["date"], data["result"])
