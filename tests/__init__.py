"""ScaleLab's tests; the folders mirror core/ (science/, experiments/, …), plus app/ (AppTest) and browser/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the checkout: app.py, data/, core/
