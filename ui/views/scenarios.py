"""One-click scenarios on the Lab: a button loads a named setting into the controls and runs it."""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from core.config import Config
from core.experiments.results import RunResult
from core.experiments.scenarios import SCENARIOS, scenario_for
from core.present.story import story
from ui.controls import seed_widgets
from ui.frame import lang, tr

_PENDING = "_scenario_pending"


def _load(name: str) -> None:
    """Button callback (runs before the script): put the scenario into the widgets and ask for a run."""
    cfg = SCENARIOS[name]
    for f in fields(Config):
        st.session_state.pop(f.name, None)
    seed_widgets(cfg)
    st.session_state[_PENDING] = name


PER_ROW = 4  # seven in one row wrapped Japanese names onto three lines at 1280 px; four fit on two (browser test)


def picker() -> None:
    """Rows of scenario buttons; no typing needed in a meeting."""
    st.caption(tr("scenarios.title"))
    names = list(SCENARIOS)
    for start in range(0, len(names), PER_ROW):
        for col, name in zip(st.columns(PER_ROW), names[start : start + PER_ROW]):
            col.button(tr(f"scenario.{name}.name"), key=f"scenario_{name}", on_click=_load, args=(name,),
                       width="stretch", wrap=True)  # fmt: skip


def pending(cfg: Config) -> bool:
    """True once after a scenario button, when the controls now hold that scenario's settings."""
    name = st.session_state.pop(_PENDING, None)
    return name is not None and SCENARIOS[name] == cfg


def caption(result: RunResult) -> None:
    """The manager caption when the shown results are a scenario's: what this run shows, in its own numbers."""
    name = scenario_for(result.config)
    if name is not None:
        said = " ".join(n.words(lang()) for n in story(name, result, lang()))
        st.success(tr("lab.scenario_caption", name=tr(f"scenario.{name}.name"), caption=said))
