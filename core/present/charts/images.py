"""The Images page's chart: PSNR against the noise level for the noisy input and each denoiser, the training range
shaded — the image twin of the Lab's error-against-scale chart."""

from __future__ import annotations

import plotly.graph_objects as go

from core.experiments.images import ImagesResult
from core.i18n import t
from core.present.charts.style import layout
from core.present.labels import BIAS_FREE_IMAGE_COLOUR, BIASED_COLOUR, FLOOR_COLOUR


def psnr_vs_sigma(result: ImagesResult, lang: str) -> go.Figure:
    """One line per net (and the noisy input) over every σ judged; the training range as a grey band."""
    sigmas = list(result.sigmas)
    fig = go.Figure()
    lines = (
        ("images.net.noisy", result.noisy_psnr_db, FLOOR_COLOUR, "dot"),
        ("images.net.biased", result.biased.psnr_db, BIASED_COLOUR, "dash"),
        ("images.net.free", result.bias_free.psnr_db, BIAS_FREE_IMAGE_COLOUR, "solid"),
    )
    for key, by_sigma, colour, dash in lines:
        fig.add_trace(go.Scatter(
            x=sigmas, y=[by_sigma[s] for s in sigmas], name=t(key, lang), mode="lines+markers",
            line={"color": colour, "dash": dash, "width": 3 if dash == "solid" else 2},
            hovertemplate="σ = %{x:g}: %{y:.1f} dB<extra>" + t(key, lang) + "</extra>",
        ))  # fmt: skip
    lo, hi = result.config.train_sigma
    fig.add_vrect(x0=lo, x1=max(hi, lo + 0.5), fillcolor="#999999", opacity=0.18, line_width=0)
    fig.add_annotation(x=(lo + hi) / 2, y=0, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                       text=t("images.chart_range", lang))  # fmt: skip
    fig.update_xaxes(range=[0, max(sigmas) + 3])
    return layout(fig, title=t("images.chart_title", lang), x=t("images.chart_x", lang), y=t("images.chart_y", lang))
