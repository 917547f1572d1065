"""CsvError: an uploaded file ScaleLab cannot use, as a code and values (pages word it; core/i18n/pilot.py)."""

from __future__ import annotations

from core.i18n.pilot import EN  # csv.* in English: a CsvError's own text (pages word its code)

CELL_CHARS = 20  # a cell quoted in a message is cut to this length
NAME_CHARS = 40  # a header quoted in a message is cut to this length


class CsvError(ValueError):
    """An upload ScaleLab cannot use (CSV, Excel or Parquet); the message names the problem and where it lies.

    `code` and `params` say the same for a page that words it in Japanese: t(f"csv.{code}", lang, **params).
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(EN[f"csv.{code}"].format(**params))
        self.code, self.params = code, params


def show(text: str, limit: int) -> str:
    """Text as a message quotes it: on one line, at most limit characters (not escaped: pages show plain text)."""
    flat = "".join(ch if ch.isprintable() else " " for ch in text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
