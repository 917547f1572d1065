"""The Images page's parts: the photograph (built in or uploaded), the settings, a live training, and the results —
pictures side by side, PSNR against σ, the homogeneity measured, the cost."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pandas as pd
import streamlit as st

from core.experiments.images import ImagesResult
from core.experiments.images_config import ALPHAS, HOMOGENEITY_SIGMA, IMAGE_CAPS, ImagesConfig
from core.fields import ConfigError
from core.io.photos import PHOTOS, ImageError, Photo, read_photo
from core.present.charts.images import psnr_vs_sigma
from core.present.format import magnitude
from core.runtime import flights, slots
from core.runtime.processes import TrainingProcessError
from ui import store
from ui.frame import chart, labeller, lang, set_url, show_table, tr

UPLOAD = "upload"
TYPES = ["png", "jpg", "jpeg", "tif", "tiff"]
_SHADOW, _RESULT, _PHOTO = "_images_cfg", "_images_result", "_images_photo"


def _initial() -> ImagesConfig:
    """The link's settings if it has them, else this session's last, else the defaults."""
    params = st.query_params.to_dict()
    if "train_sigma" in params:
        return ImagesConfig.from_query(params)
    return st.session_state.get(_SHADOW, ImagesConfig())


def controls() -> tuple[ImagesConfig | None, Photo | None]:
    """Draw the settings; (config, the uploaded photograph or None), or (None, None) while an upload is missing or
    unusable (the page is told why)."""
    start = _initial()
    if "im_image" not in st.session_state:
        st.session_state["im_image"] = start.image if start.image in PHOTOS else PHOTOS[0]
        st.session_state["im_train_sigma"] = tuple(float(v) for v in start.train_sigma)
        for name in ("steps", "max_seconds", "seed"):
            st.session_state[f"im_{name}"] = getattr(start, name)
    left, right = st.columns(2)
    image = left.selectbox(
        tr("images.photo"), (*PHOTOS, UPLOAD), key="im_image", format_func=labeller("images.photo.{}")
    )
    right.slider(tr("images.train_sigma"), 0.0, IMAGE_CAPS["sigma"].hi, step=5.0, key="im_train_sigma", format="%g",
                 help=tr("images.train_sigma_help"))  # fmt: skip
    with st.expander(tr("images.training")):
        c1, c2, c3 = st.columns(3)
        cap = IMAGE_CAPS
        c1.number_input(tr("images.steps"), int(cap["steps"].lo), 5000, step=100, key="im_steps")
        c2.number_input(tr("images.max_seconds"), float(cap["max_seconds"].lo), float(cap["max_seconds"].hi), step=10.0,
                        key="im_max_seconds")  # fmt: skip
        c3.number_input(tr("images.seed"), int(cap["seed"].lo), int(cap["seed"].hi), key="im_seed")
    photo = None
    if image == UPLOAD:
        photo = _upload()
        if photo is None:
            return None, None
    values = {name: st.session_state[f"im_{name}"] for name in ("steps", "max_seconds", "seed")}
    lo, hi = st.session_state["im_train_sigma"]
    try:
        # the fields without a widget (layers, channels, batch, lr, test σ) keep what the link or session had
        cfg = replace(start, image=photo.name if photo else image, train_sigma=(float(lo), float(hi)),
                      **{k: (float(v) if k == "max_seconds" else int(v)) for k, v in values.items()})  # fmt: skip
    except ConfigError as exc:
        st.error(str(exc), icon=":material/error:")
        return None, None
    st.session_state[_SHADOW] = cfg
    set_url(cfg.to_query() if photo is None else {k: v for k, v in cfg.to_query().items() if k != "image"})
    return cfg, photo


def _upload() -> Photo | None:
    """The uploaded photograph, read once per file (kept in this session only); None, said why, if unusable."""
    uploaded = st.file_uploader(tr("images.upload"), type=TYPES, key="im_upload", help=tr("images.upload_help"))
    if uploaded is None:
        return None
    raw = uploaded.getvalue()  # in this session's memory only, never written to disk or the shared store
    digest = hashlib.sha256(raw).hexdigest()[:16]
    kept = st.session_state.get(_PHOTO)
    if kept is None or kept[0] != digest:
        try:
            kept = (digest, read_photo(raw, name=f"upload:{digest}"))
        except ImageError as exc:
            kept = (digest, exc)
        st.session_state[_PHOTO] = kept
    photo = kept[1]
    if isinstance(photo, ImageError):
        st.error(tr(f"image.err.{photo.code}", **photo.params), icon=":material/error:")
        return None
    changes = " ".join(tr(f"image.done.{c}") for c in photo.changes)
    height, width = photo.pixels.shape
    st.caption(f"{tr('images.upload_read', width=width, height=height)} {changes}")
    return photo


def result_for(cfg: ImagesConfig, photo: Photo | None, *, run: bool) -> tuple[ImagesResult | None, bool]:
    """(result, replayed): the stored one of this config, this session's last for the same config, or a new training
    when `run`; (None, False) when there is none yet."""
    kept = st.session_state.get(_RESULT)
    if kept is not None and kept.config == cfg:
        return kept, False
    stored = store.stored_images(cfg) if photo is None else None
    if stored is not None:
        st.session_state[_RESULT] = stored
        return stored, True
    if not run:
        return None, False
    result = _train(cfg, photo)
    st.session_state[_RESULT] = result
    return result, False


def _train(cfg: ImagesConfig, photo: Photo | None) -> ImagesResult:
    """Both nets trained with a progress bar each; a busy server or a failure is said, and the page stops."""
    bars = [st.progress(0.0, text=tr("images.waiting")) for _ in range(2)]

    def on_progress(k: int, step: int, loss: float, elapsed: float) -> None:
        done = min(max(step / cfg.steps, elapsed / cfg.max_seconds), 1.0)
        bars[k].progress(done, text=tr(f"images.progress.{k}", step=step, steps=cfg.steps, elapsed=elapsed))

    try:
        result = store.train_images(cfg, on_progress, photo=photo, owner=store.client())
    except (flights.Full, slots.BusyError):
        st.warning(tr("images.busy"), icon=":material/hourglass_top:")
        st.stop()
    except TrainingProcessError as exc:
        st.error(tr("images.failed", error=str(exc)), icon=":material/error:")
        st.stop()
    for bar in bars:
        bar.empty()
    return result


def _db(value: float) -> float:
    """A PSNR rounded as shown (one decimal), so a gap is the difference of the numbers on screen."""
    return round(value, 1)


def show(result: ImagesResult, *, replayed: bool) -> None:
    """Headline, pictures, chart, homogeneity, cost, claims."""
    cfg = result.config
    if replayed:
        st.caption(tr("images.replayed"))
    sigma = st.select_slider(tr("images.test_sigma"), cfg.test_sigmas, value=max(cfg.test_sigmas), key="im_show_sigma",
                             format_func=lambda s: f"{s:g}")  # fmt: skip
    free, biased = _db(result.bias_free.psnr_db[sigma]), _db(result.biased.psnr_db[sigma])
    lo, hi = cfg.train_sigma
    st.metric(tr("images.headline_metric", sigma=sigma), f"{free - biased:+.1f} dB")
    st.markdown(tr("images.headline", sigma=sigma, lo=lo, hi=hi, free=free, biased=biased, gap=free - biased))
    pictures = (
        (result.clean_png, tr("images.clean")),
        (result.noisy_png[sigma], tr("images.noisy", sigma=sigma, db=_db(result.noisy_psnr_db[sigma]))),
        (result.biased.denoised_png[sigma], tr("images.out.biased", db=biased)),
        (result.bias_free.denoised_png[sigma], tr("images.out.free", db=free)),
    )
    for col, (png, caption) in zip(st.columns(4), pictures):
        col.image(png, caption=caption, width="stretch")
    chart(psnr_vs_sigma(result, lang()), key="images_psnr")
    _homogeneity(result)
    _cost(result)
    _notes(result)


def _homogeneity(result: ImagesResult) -> None:
    """The property, measured at a scale α the reader picks, beside the proof."""
    st.subheader(tr("images.homog.title"))
    alpha = st.select_slider(
        tr("images.homog.alpha"), ALPHAS, value=3.0, key="im_alpha", format_func=lambda a: f"{a:g}"
    )
    free, biased = result.bias_free.homogeneity[alpha], result.biased.homogeneity[alpha]
    st.markdown(f"- {tr('images.homog.free', err=magnitude(free), alpha=alpha)}\n"
                f"- {tr('images.homog.biased', err=magnitude(biased), alpha=alpha)}")  # fmt: skip
    st.caption(tr("images.homog.where", sigma=HOMOGENEITY_SIGMA))
    st.info(tr("images.homog.proven"), icon=":material/functions:")


def _cost(result: ImagesResult) -> None:
    """Parameters, multiply-adds per megapixel, training time and throughput per net."""
    st.subheader(tr("images.cost.title"))
    rows = [
        {tr("images.cost.col.net"): tr("images.net.biased" if n.bias else "images.net.free"),
         tr("images.cost.col.params"): n.params,
         tr("images.cost.col.macs"): f"{result.macs_per_pixel * 1e6:.3g}",
         tr("images.cost.col.seconds"): round(n.train_seconds, 1),
         tr("images.cost.col.steps"): n.steps_done,
         tr("images.cost.col.throughput"): round(n.megapixels_per_second, 2)}
        for n in result.nets
    ]  # fmt: skip
    show_table(pd.DataFrame(rows))
    st.caption(tr("images.cost.note", threads=result.threads))


def _notes(result: ImagesResult) -> None:
    """Training that stopped early, the claims' sources, the details."""
    for n in result.nets:
        if n.status != "ok":
            net = tr("images.net.biased" if n.bias else "images.net.free")
            st.warning(tr(f"images.status.{n.status}", net=net, steps=n.steps_done), icon=":material/timer:")
    st.caption(tr("images.measured"))
    st.caption(tr("images.paper"))
    cfg = result.config
    with st.expander(tr("images.details")):
        st.write(tr("images.details_text", layers=cfg.layers, channels=cfg.channels, steps=cfg.steps, batch=cfg.batch,
                    lo=cfg.train_sigma[0], hi=cfg.train_sigma[1], lr=cfg.lr, seed=cfg.seed))  # fmt: skip
