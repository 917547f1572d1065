"""Sweep: the phase diagram, "how many sensors for how many sources?", locally or on a Dask cluster."""

import streamlit as st

from ui.frame import page_frame, tr
from ui.views import sweep as sweep_view

page_frame("nav.sweep")
st.title(tr("sweep.title"))
st.write(tr("sweep.intro"))
spec, problem = sweep_view.controls()
if spec is None:
    st.error(problem, icon=":material/error:")
    st.stop()
where = sweep_view.matrix_and_address(spec)
st.caption(tr("sweep.work", tasks=spec.task_count, cells=len(spec.deltas) * len(spec.rhos), seeds=spec.seeds,
              decoders=len(spec.decoders)))  # fmt: skip
if where.refused:
    st.error(where.refused, icon=":material/block:")
if not where.ready:
    st.stop()

clicked = st.button(tr("sweep.run"), icon=":material/grid_on:", type="primary")
result, replayed = sweep_view.result_for(spec, where, run=clicked)
if result is None:
    st.info(tr("sweep.none_yet"))
else:
    sweep_view.show(result, replayed=replayed)
