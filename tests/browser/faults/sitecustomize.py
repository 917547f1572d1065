"""A fault for the browser tests, loaded at start-up by every Python process of a test server started with this
folder on PYTHONPATH (the server and the training processes it spawns): a two-hidden-layer net trained with the
learning rate in SCALELAB_TEST_DIVERGE_LR gets a non-finite loss from step DIVERGE_AT on, so a test sees a real
diverged run end to end, worded by the page. Nothing in the product knows about it."""

import importlib.abc
import importlib.machinery
import os
import sys

DIVERGE_AT = 40
TARGET = "core.science.train"


def _patch(train: object) -> None:
    """Wrap train.fit so a matching run's loss turns NaN from DIVERGE_AT on."""
    marker = float(os.environ["SCALELAB_TEST_DIVERGE_LR"])
    real_fit = train.fit

    def fit(model, sample, loss_fn, *, lr, **kwargs):  # type: ignore[no-untyped-def]
        if lr != marker or getattr(model, "depth", None) != 2:
            return real_fit(model, sample, loss_fn, lr=lr, **kwargs)
        calls = [0]

        def failing(x_hat, x):  # type: ignore[no-untyped-def]
            calls[0] += 1
            loss = loss_fn(x_hat, x)
            return loss * float("nan") if calls[0] >= DIVERGE_AT else loss

        return real_fit(model, sample, failing, lr=lr, **kwargs)

    train.fit = fit


class _AfterImport(importlib.abc.MetaPathFinder):
    """Patch TARGET right after it is first imported."""

    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name != TARGET:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        load = spec.loader.exec_module

        def exec_module(module):  # type: ignore[no-untyped-def]
            load(module)
            _patch(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


if os.environ.get("SCALELAB_TEST_DIVERGE_LR"):
    sys.meta_path.insert(0, _AfterImport())
