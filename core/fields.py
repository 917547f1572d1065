"""Settings from text, once: one strict parser for scripts and one forgiving parser for links.

Each settings object (Config, SweepSpec, CostInputs) describes its fields in a table, name → `Field` (what kind of
value, its cap or its choices, or its own converter for lists), in the style of TF Playground's State.PROPS. The
same table drives both modes and the URL writer, so a field's cap lives in one place and links round-trip exactly.

Strict (CLI): any malformed or out-of-range value raises `ConfigError` naming the value and what is allowed.
Forgiving (links): unknown keys are ignored, a repeated key takes its last value, bad values (NaN included) fall
back to the default, numbers are clamped into their caps. Rules that tie fields together stay with the object.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# (text, strict) → value; raises ValueError when the text is unusable (forgiving: the default applies)
Converter = Callable[[str, bool], Any]
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


class ConfigError(ValueError):
    """A setting outside what ScaleLab allows; the message names the value and the allowed range.

    `code` and `params` say the same for a page that words it in its language (config.* in core/i18n/terms.py).
    """

    def __init__(self, message: str, code: str = "other", **params: object) -> None:
        super().__init__(message)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Cap:
    """Allowed range of a numeric field."""

    lo: float
    hi: float
    integer: bool = True

    def describe(self) -> str:
        lo, hi = (int(self.lo), int(self.hi)) if self.integer else (f"{self.lo:g}", f"{self.hi:g}")
        kind = "an integer" if self.integer else "a number"
        return f"{kind} from {lo} to {hi}"


@dataclass(frozen=True)
class Field:
    """How one setting reads from text: kind "number" (in `cap`), "bool", "choice" (one of `choices`) or "custom"."""

    kind: str
    cap: Cap | None = None
    choices: tuple[str, ...] = ()
    convert: Converter | None = None
    allowed: str = ""  # what the field accepts, for strict messages; numbers and booleans word it themselves
    key: str | None = None  # the URL/CLI key when it is not the attribute's name (the Cost page's "spd", ...)


def number(cap: Cap, *, key: str | None = None) -> Field:
    """A number inside `cap` (an integer when the cap says so)."""
    return Field("number", cap=cap, key=key)


def flag(*, key: str | None = None) -> Field:
    """An explicit boolean: 1/true/yes/on or 0/false/no/off/empty (bool("False") would be True)."""
    return Field("bool", key=key)


def choice(choices: tuple[str, ...], allowed: str = "", *, key: str | None = None) -> Field:
    """One of `choices`, exactly as written; `allowed` words the strict message ("choose one of …" by default)."""
    return Field("choice", choices=choices, allowed=allowed or f"choose one of {', '.join(choices)}", key=key)


def custom(convert: Converter, allowed: str, *, key: str | None = None) -> Field:
    """A field with its own converter (comma lists); the object's constructor checks what strict mode lets through."""
    return Field("custom", convert=convert, allowed=allowed, key=key)


def check_number(name: str, value: Any, cap: Cap) -> None:
    """Raise ConfigError unless value is a finite number (an int for an integer cap) inside cap."""
    ok_type = isinstance(value, int) if cap.integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok_type or not math.isfinite(value) or not cap.lo <= value <= cap.hi:
        raise ConfigError(f"{name}={value!r} is not allowed: {name} must be {cap.describe()}")


def clamp(value: float, cap: Cap) -> int | float:
    """Clamp into cap; NaN raises ValueError so a forgiving parse falls back to the default."""
    if math.isnan(value):
        raise ValueError("nan")
    v = min(max(value, cap.lo), cap.hi)
    return int(v) if cap.integer else float(v)


def parse(table: Mapping[str, Field], values: Mapping[str, Any], *, strict: bool) -> dict[str, Any]:
    """Typed values, by attribute name, for the table's keys present in `values`; strict raises, forgiving defaults.

    A field left out of the result keeps the object's default.
    """
    out: dict[str, Any] = {}
    for name, field in table.items():
        key = field.key or name
        raw = values.get(key)
        if isinstance(raw, list):  # a repeated query key: take the last, as browsers do
            raw = raw[-1] if raw else None
        if raw is None:
            continue
        try:
            out[name] = _read(key, field, str(raw).strip(), strict)
        except ConfigError:
            raise
        except (ValueError, TypeError, OverflowError):
            if strict:
                raise ConfigError(f"{key}={raw!r} is not allowed: {_allowed(key, field)}") from None
    return out


def forgiving_number(raw: Any, cap: Cap, default: float) -> Any:
    """One number from a link: clamped into cap, or `default` when missing or unreadable."""
    return parse({"value": number(cap)}, {"value": raw}, strict=False).get("value", default)


def to_query(table: Mapping[str, Field], obj: object) -> dict[str, str]:
    """Every field of obj as URL text under its key; `parse` reads it back to the same values."""
    return {field.key or name: query_text(getattr(obj, name)) for name, field in table.items()}


def query_text(value: Any) -> str:
    """A setting as URL text that reads back to the same value: booleans 1/0, tuples as comma lists."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(x if isinstance(x, str) else short_float(x) for x in value)
    return short_float(value) if isinstance(value, float) else str(value)


def short_float(value: float) -> str:
    """Shortest text that reads back as exactly this number ("30", "0.001", "10.00001"): links stay exact."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _read(key: str, field: Field, text: str, strict: bool) -> Any:
    """One value from text; ValueError when unreadable, ConfigError (strict) when readable but not allowed."""
    if field.kind == "bool":
        return _parse_bool(text)
    if field.kind == "choice":
        if text in field.choices:
            return text
        if strict:
            raise ConfigError(f"{key}={text!r} is unknown: {field.allowed}")
        raise ValueError(text)
    if field.kind == "custom" and field.convert is not None:
        return field.convert(text, strict)
    if field.kind != "number" or field.cap is None:
        raise TypeError(f"field {key} has no kind this parser knows: {field.kind!r}")
    return _read_number(key, field.cap, text, strict)


def _read_number(key: str, cap: Cap, text: str, strict: bool) -> int | float:
    """A number from text: strict checks the cap, forgiving clamps into it."""
    value: float = float(text)
    if cap.integer:
        if not math.isfinite(value) or value != int(value):
            raise ValueError("not an integer")
        value = int(value)
    if strict:
        check_number(key, value, cap)
        return value
    return clamp(value, cap)


def _parse_bool(text: str) -> bool:
    """Explicit booleans: bool('False') is True, so never call bool() on text."""
    low = text.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError("expected true or false")


def _allowed(key: str, field: Field) -> str:
    """What a field accepts, for the strict message of an unreadable value."""
    if field.kind == "number" and field.cap is not None:
        return f"{key} must be {field.cap.describe()}"
    if field.kind == "bool":
        return f"{key} must be true or false"
    return field.allowed
