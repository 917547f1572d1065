"""One parser, two modes: strict for scripts names what is wrong; forgiving for links always gives valid values."""

import ast
import importlib
import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from core import fields
from core.fields import Cap, ConfigError

TABLE = {
    "count": fields.number(Cap(1, 10)),
    "rate": fields.number(Cap(0.001, 100.0, integer=False), key="r"),
    "on": fields.flag(),
    "mode": fields.choice(("fast", "slow"), "choose fast or slow"),
    "pair": fields.custom(lambda text, strict: tuple(int(p) for p in text.split(",")), "a comma list of integers"),
}


@dataclass(frozen=True)
class Settings:
    count: int = 3
    rate: float = 1.0
    on: bool = False
    mode: str = "fast"
    pair: tuple[int, ...] = (1, 2)


def forgiving(values: dict) -> dict:
    return fields.parse(TABLE, values, strict=False)


def strict(values: dict) -> dict:
    return fields.parse(TABLE, values, strict=True)


def test_both_modes_read_good_text_to_typed_values_under_their_keys() -> None:
    text = {"count": " 7 ", "r": "2.5", "on": "yes", "mode": "slow", "pair": "3,4"}
    want = {"count": 7, "rate": 2.5, "on": True, "mode": "slow", "pair": (3, 4)}
    assert forgiving(text) == want and strict(text) == want
    assert isinstance(strict({"count": "7.0"})["count"], int)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"count": "11"}, "count=11 is not allowed: count must be an integer from 1 to 10"),
        ({"count": "2.5"}, "count='2.5' is not allowed: count must be an integer from 1 to 10"),
        ({"count": "abc"}, "count='abc' is not allowed: count must be an integer from 1 to 10"),
        ({"r": "nan"}, "r=nan is not allowed: r must be a number from 0.001 to 100"),
        ({"r": "inf"}, "r=inf is not allowed: r must be a number from 0.001 to 100"),
        ({"on": "maybe"}, "on='maybe' is not allowed: on must be true or false"),
        ({"mode": "warp"}, "mode='warp' is unknown: choose fast or slow"),
        ({"pair": "1,x"}, "pair='1,x' is not allowed: a comma list of integers"),
    ],
)
def test_strict_raises_naming_the_value_and_what_is_allowed(values: dict, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        strict(values)
    assert str(info.value) == message and info.value.code == "other"


def test_forgiving_clamps_numbers_into_their_caps() -> None:
    assert forgiving({"count": "99", "r": "-1"}) == {"count": 10, "rate": 0.001}
    assert forgiving({"count": "1e9", "r": "inf"}) == {"count": 10, "rate": 100.0}


@pytest.mark.parametrize("values", [{"count": "abc"}, {"count": "2.5"}, {"count": "inf"}, {"r": "nan"},
                                    {"on": "maybe"}, {"mode": "FAST"}, {"pair": "1,x"}, {"count": []}])  # fmt: skip
def test_forgiving_leaves_bad_values_out_so_the_default_applies(values: dict) -> None:
    assert forgiving(values) == {}


def test_forgiving_ignores_unknown_keys_and_the_attribute_name_of_a_keyed_field() -> None:
    assert forgiving({"evil": "1", "lang": "ja", "rate": "5"}) == {}  # rate's key is "r"


def test_a_repeated_key_takes_its_last_value() -> None:
    assert forgiving({"count": ["2", "5"]}) == {"count": 5}
    assert strict({"count": ["abc", "5"]}) == {"count": 5}


@pytest.mark.parametrize(("text", "want"), [(t, True) for t in ("1", "true", "True", "YES", "on")]
                         + [(t, False) for t in ("0", "false", "False", "no", "OFF", "")])  # fmt: skip
def test_booleans_are_explicit(text: str, want: bool) -> None:
    assert strict({"on": text}) == {"on": want} == forgiving({"on": text})


def test_round_trip_to_query_then_parse_is_exact() -> None:
    s = Settings(count=9, rate=10.00001, on=True, mode="slow", pair=(5, 6))
    query = fields.to_query(TABLE, s)
    assert query == {"count": "9", "r": "10.00001", "on": "1", "mode": "slow", "pair": "5,6"}
    assert Settings(**forgiving(query)) == s == Settings(**strict(query))
    for x in (0.1 + 0.2, 1e-5, 123456789.123, 2 / 3):
        assert float(fields.short_float(x)) == x
    assert fields.short_float(30.0) == "30" and fields.query_text((0.5, 2.0)) == "0.5,2"


def test_check_number_takes_only_finite_numbers_of_the_right_type_inside_the_cap() -> None:
    fields.check_number("k", 5, Cap(1, 10))
    fields.check_number("x", 5, Cap(0, 10, integer=False))  # an int is a number too
    for bad in (0, 11, 5.0, True, "5", math.nan):
        with pytest.raises(ConfigError, match=r"k=.* is not allowed: k must be an integer from 1 to 10"):
            fields.check_number("k", bad, Cap(1, 10))


def test_forgiving_number_for_a_single_setting() -> None:
    cap = Cap(0, 100)
    assert fields.forgiving_number("42", cap, 0) == 42
    assert fields.forgiving_number("-3", cap, 7) == 0 and fields.forgiving_number("1e9", cap, 7) == 100
    assert [fields.forgiving_number(raw, cap, 7) for raw in (None, "abc", "1.5", "nan", ["1", "9"])] == [7, 7, 7, 7, 9]


def test_config_error_and_cap_are_still_importable_from_core_config() -> None:
    from core import config

    assert config.ConfigError is ConfigError and config.Cap is Cap
    err = ConfigError("m=40 is not allowed", "m_max", m=40, max_m=32)
    assert isinstance(err, ValueError) and (err.code, err.params) == ("m_max", {"m": 40, "max_m": 32})


def test_core_config_keeps_no_parser_copy_of_its_own() -> None:
    from core import config

    for retired in ("_check", "_short", "_coerce", "_convert", "_clamp", "_parse_bool", "_bad_value_message"):
        assert not hasattr(config, retired), retired
    assert config.Config.parse({"n": "40"}).n == 40 and set(config.FIELDS) == set(config.Config().to_query())


@pytest.mark.parametrize("module", ["core.experiments.sweep.spec", "core.cost.inputs"])
def test_settings_modules_parse_through_core_fields_not_a_copy_of_their_own(module: str) -> None:
    mod = importlib.import_module(module)
    tree = ast.parse(Path(mod.__file__).read_text(encoding="utf-8"))
    names = {(n.module, a.name) for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert ("core", "fields") in names  # the table's field kinds and the parser come from core.fields
    assert not [name for _, name in names if name.startswith("_")], f"{module} imports a private name"
    for retired in ("_coerce", "_convert", "_repair", "_CAPS", "_check", "_short", "_clamp", "_parse_bool"):
        assert not hasattr(mod, retired), f"{module} defines its own {retired}"
    assert mod.FIELDS and all(isinstance(f, fields.Field) for f in mod.FIELDS.values())


@pytest.mark.parametrize(
    ("module", "cls"), [("core.config", "Config"), ("core.experiments.sweep.spec", "SweepSpec"),
                        ("core.cost.inputs", "CostInputs")]
)  # fmt: skip
def test_every_setting_has_exactly_one_row_in_its_table(module: str, cls: str) -> None:
    from dataclasses import fields as dataclass_fields

    mod = importlib.import_module(module)
    assert list(mod.FIELDS) == [f.name for f in dataclass_fields(getattr(mod, cls))]
