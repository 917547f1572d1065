"""Shared page frame: page config, language, presentation mode, sidebar navigation, the URL, charts."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable

import pandas as pd
import streamlit as st
from plotly.graph_objects import Figure
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.i18n import LANGS, normalise_lang, t
from core.present.format import NONE

PAGES = (
    ("app.py", "nav.home", ":material/home:"),
    ("pages/1_Lab.py", "nav.lab", ":material/science:"),
    ("pages/2_Theory.py", "nav.theory", ":material/school:"),
    ("pages/3_Cost.py", "nav.cost", ":material/payments:"),
    ("pages/4_Pilot.py", "nav.pilot", ":material/factory:"),
    ("pages/5_Sweep.py", "nav.sweep", ":material/grid_on:"),
    ("pages/6_Images.py", "nav.images", ":material/photo_filter:"),
)
# Static CSS only (no user text ever goes through unsafe_allow_html): every text at least 1.5× its normal size for a
# projector (normal: metric 36 px, text 16 px, captions, labels and buttons 14 px; a browser test measures the
# computed sizes). Each rule names the element that holds the text AND everything inside it: a metric's value is
# markdown now, and the general paragraph rule used to shrink its inner <p> to 21.6 px.
_PRESENTATION_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p {font-size: 1.5rem;}
[data-testid="stMain"] [data-testid="stMetricValue"],
[data-testid="stMain"] [data-testid="stMetricValue"] * {font-size: 3.6rem !important; line-height: 1.1;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] *,
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] *,
[data-testid="stMain"] .stButton button, [data-testid="stMain"] .stButton button *,
[data-testid="stMain"] .stDownloadButton button, [data-testid="stMain"] .stDownloadButton button * {
  font-size: 1.35rem !important;
}
h1 {font-size: 3.2rem !important;}
</style>
"""


# Always on: scenario buttons break Japanese names only between phrases (the names mark them with zero-width spaces),
# never mid-word; a phrase wider than its button still wraps rather than overflow.
_BUTTON_CSS = """
<style>
[class*="st-key-scenario_"] button p {word-break: keep-all; overflow-wrap: anywhere;}
</style>
"""


def lang() -> str:
    """The reader's language: chosen in this session, else from the link, else Japanese."""
    if "_lang" not in st.session_state:
        st.session_state["_lang"] = normalise_lang(st.query_params.get("lang"))
    return st.session_state["_lang"]


def tr(key: str, /, **values: object) -> str:
    """A message in the reader's language."""
    return t(key, lang(), **values)


def labeller(pattern: str) -> Callable[[object], str]:
    """A widget format_func for message keys like "problem.{}", bound to the language now.

    Bound at creation because AppTest (and Streamlit on serialisation) may call it outside the script run,
    where session state, and so the chosen language, is not available.
    """
    code = lang()
    return lambda value: t(pattern.format(value), code)


def depth_labeller() -> Callable[[int], str]:
    """format_func for a number of hidden layers, bound to the language now."""
    code = lang()
    return lambda d: t("model.depth1", code) if d == 1 else t("model.depthN", code, depth=d)


def presenting() -> bool:
    """Presentation mode: on when chosen in this session or asked for by the link."""
    if "_present" not in st.session_state:
        st.session_state["_present"] = st.query_params.get("present") == "1"
    return st.session_state["_present"]


def _remember(widget_key: str, shadow: str) -> None:
    """Copy a widget's value to a key that survives page switches (widget state is per page)."""
    value = st.session_state.get(widget_key)
    if value is not None:
        st.session_state[shadow] = value


def page_frame(title_key: str) -> None:
    """Call first on every page: layout, language and presentation switches, navigation."""
    st.set_page_config(page_title=f"ScaleLab · {tr(title_key)}", page_icon=":material/straighten:", layout="wide")
    st.session_state["lang"] = lang()
    st.session_state["present"] = presenting()
    with st.sidebar:
        st.segmented_control(
            tr("common.language"), LANGS, key="lang", format_func=lambda code: t("lang.name", code),
            on_change=_remember, args=("lang", "_lang"),
        )  # fmt: skip
        st.toggle(tr("ctl.present"), key="present", help=tr("ctl.present_help"),
                  on_change=_remember, args=("present", "_present"))  # fmt: skip
        for path, label_key, icon in PAGES:
            st.page_link(path, label=tr(label_key), icon=icon)
        st.divider()
    st.html(_BUTTON_CSS)  # style only: applied to the page, takes no space
    if _reconnected_elsewhere() and not st.session_state.get("_told_reconnected"):
        st.session_state["_told_reconnected"] = True
        st.info(tr("nav.reconnected"), icon=":material/sync:")
    if presenting():
        st.markdown(_PRESENTATION_CSS, unsafe_allow_html=True)
        if st.button(tr("nav.exit_present"), icon=":material/close_fullscreen:"):
            st.session_state["_present"] = False
            st.rerun()


def _reconnected_elsewhere() -> bool:
    """Whether this session continues a page whose own session lived in another server process (a replica that
    stopped, behind a proxy): a page that reconnects names its old session in the websocket's subprotocols
    ("streamlit", XSRF token, old session id); the server it reaches, not knowing that id, started this new one."""
    protocols = [p.strip() for p in (st.context.headers.get("Sec-WebSocket-Protocol") or "").split(",")]
    ctx = get_script_run_ctx()
    return len(protocols) >= 3 and bool(protocols[2]) and ctx is not None and protocols[2] != ctx.session_id


def set_url(params: dict[str, str] | None) -> None:
    """Make the address bar a share link: the page's settings plus language and presentation mode.

    params None (the home page, which has no settings) keeps whatever else the link carries.
    """
    base = st.query_params.to_dict() if params is None else params
    wanted = {**base, "lang": lang()} | ({"present": "1"} if presenting() else {})
    if not presenting():
        wanted.pop("present", None)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def chart(fig: Figure, key: str) -> None:
    """Draw a figure with its own layout; bigger type (1.5×) and height in presentation mode.

    theme=None: Streamlit's chart theme replaces the figure's fonts (ticks at 12 px whatever the layout said), so the
    presentation size never reached the axes.
    """
    _draw(*_untitled(fig), key)


def shared_chart(owner: object, build: Callable[[], Figure], key: str, *variant: Hashable) -> None:
    """chart(build(), key), the figure built once for every session showing the same `owner` (a result that the
    sessions of a shared link all hold) and `variant` (the language, a slider's value).

    Measured: building the Lab's three result figures takes ~95 ms of the server's one interpreter, handing a built
    one to Streamlit ~2 ms; eight sessions of one link finishing together waited for each other's builds.
    """
    cache_key = (id(owner), key, *variant)
    # built under the lock: sessions following one training draw at the same moments, and each built its own copy
    # when they raced past an empty cache (measured: as many builds as sessions); a build holds the GIL anyway
    with _figures_lock:
        held = _figures.get(cache_key)
        if held is None or held[0]() is not owner:  # an id is reused once its object is gone: check it is the same
            title, fig = _untitled(build())
            held = _figures[cache_key] = (weakref.ref(owner), title, _Held(fig))
            while len(_figures) > MAX_SHARED_FIGURES:
                _figures.pop(next(iter(_figures)))  # the oldest first
    _draw(held[1], held[2], key)


MAX_SHARED_FIGURES = 128  # a few results' figures in a few languages, and live loss charts: kB each
_figures: dict[tuple, tuple[weakref.ref, str | None, Figure]] = {}
_figures_lock = threading.Lock()


class _Held(Figure):
    """A shared figure (never changed once built): its dict is made once. Streamlit asks each draw for the figure's
    dict (Figure.to_dict, a deep copy: ~5 ms for a results chart, measured), and only reads it."""

    _dict: dict | None = None

    def to_dict(self) -> dict:
        if self._dict is None:
            self._dict = super().to_dict()
        return self._dict


def _untitled(fig: Figure) -> tuple[str | None, Figure]:
    """The figure's title and the figure without it: the title goes above the chart as page text, because plotly
    never wraps a title, so on a phone or in a narrow column it was cut mid-word and the toolbar sat on it. (Titles
    are catalogue texts, never user input.)"""
    title = fig.layout.title.text if fig.layout.title else None
    if title:
        fig.update_layout(title=None, margin_t=30)
    return title, fig


def _draw(title: str | None, fig: Figure, key: str) -> None:
    """The title, then the figure; a shared figure is never changed here, only a copy of it (presentation mode)."""
    if presenting():
        fig = Figure(fig)
        base = (fig.layout.font.size if fig.layout.font and fig.layout.font.size else 14) * 1.5
        fig.update_layout(font={"size": base}, height=int((fig.layout.height or 400) * 1.35))
    if title:
        st.markdown(f"**{title}**")
    st.plotly_chart(fig, key=key, theme=None)


def show_table(df: pd.DataFrame) -> None:
    """A table as readers see it (readable)."""
    st.dataframe(readable(df), hide_index=True)


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """The table as shown: a figure that does not apply reads "–", never "None" or "nan"."""
    columns = {}
    for name in df.columns:
        # a count that pandas stored as float beside a missing value reads 12288, not 12288.0
        cells = [NONE if pd.isna(v) else int(v) if isinstance(v, float) and v.is_integer() else v for v in df[name]]
        if NONE in cells and any(v != NONE for v in cells):
            cells = [str(v) for v in cells]  # "–" beside numbers: one text column, or Arrow refuses it (a traceback)
        columns[name] = cells
    # cell by cell in Python: the same cells as pandas' column operations gave, 8× faster on a results table (measured)
    return pd.DataFrame(columns, index=df.index, columns=df.columns, dtype=object)
