"""One Config: strict for scripts, forgiving for links, never beyond the caps."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.config import CAPS, Config, ConfigError


def test_defaults_are_valid_and_tell_the_story() -> None:
    c = Config()
    assert (c.n, c.m, c.s, c.depths, c.bias, c.signal) == (32, 16, 1, (1, 2), False, "signed")


def test_url_round_trip_keeps_every_field() -> None:
    c = Config(n=40, m=20, s=2, depths=(1, 3), width=64, bias=True, noise=0.05, train_scales=(0.1, 10.0), seed=7)
    assert Config.from_query(c.to_query()) == c
    assert set(c.to_query()) == {f.name for f in dataclasses.fields(Config)}


def test_url_values_are_clamped_to_the_caps() -> None:
    c = Config.from_query({"width": "99999999", "steps": "1e9", "n": "-5", "noise": "7", "seed": "-3"})
    assert c.width == CAPS["width"].hi and c.steps == CAPS["steps"].hi
    assert c.n == CAPS["n"].lo and c.noise == 1.0 and c.seed == 0


def test_url_garbage_falls_back_to_defaults() -> None:
    c = Config.from_query(
        {"n": "abc", "bias": "maybe", "activation": "<script>", "depths": "x,y", "train_scales": "1", "lr": "nan"}
    )
    assert c == Config()


def test_url_cross_field_rules_are_repaired() -> None:
    c = Config.from_query({"n": "10", "m": "50", "s": "60", "depths": "2,2,1,9,3,4", "train_scales": "100,0.1"})
    assert (c.m, c.s) == (10, 10)
    assert c.depths == (2, 1, 4, 3)
    assert c.train_scales == (0.1, 100.0)


def test_explicit_booleans() -> None:
    assert Config.from_query({"bias": "False"}).bias is False
    assert Config.from_query({"bias": "1"}).bias is True


def test_normalised_net_round_trips_through_the_url_and_is_off_in_old_links() -> None:
    c = Config(depths=(1, 2), normalised=True)
    assert c.to_query()["normalised"] == "1"
    assert Config.from_query(c.to_query()) == c
    assert Config.from_query({"n": "32", "depths": "1,2"}).normalised is False  # a link from before the field
    assert Config(depths=(), normalised=True).normalised  # the normalised net alone is a valid comparison
    with pytest.raises(ConfigError, match="normalised"):
        Config(normalised=1)


@pytest.mark.parametrize(
    ("values", "needle"),
    [
        ({"s": "40"}, "s=40"),
        ({"m": "33"}, "m=33"),
        ({"width": "5000"}, "width"),
        ({"activation": "swish"}, "activation"),
        ({"depths": "1,x"}, "depths"),
        ({"depths": "1,1"}, "depths"),
        ({"train_scales": "2,1"}, "LO"),
        ({"noise": "inf"}, "noise"),
        ({"n": "3.5"}, "n"),
    ],
)
def test_strict_parse_names_the_bad_value(values: dict, needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        Config.parse(values)


def test_constructing_an_invalid_config_raises() -> None:
    with pytest.raises(ConfigError):
        Config(width=10**6)
    with pytest.raises(ConfigError):
        dataclasses.replace(Config(), m=100)


def test_measurement_caps_depend_on_the_problem() -> None:
    assert Config(problem="lowrank", d=8, m=64).max_m == 64
    assert Config(problem="phase", n=32, m=48).m == 48  # phase retrieval may measure more than n
    with pytest.raises(ConfigError, match="d²"):
        Config(problem="lowrank", d=4, m=17)
    with pytest.raises(ConfigError, match="rank"):
        Config(problem="lowrank", d=4, rank=5, m=8)


def test_url_repairs_problem_specific_rules() -> None:
    c = Config.from_query({"problem": "lowrank", "d": "4", "m": "100", "rank": "9"})
    assert (c.problem, c.d, c.m, c.rank) == ("lowrank", 4, 16, 4)
    assert Config.from_query({"problem": "phase", "n": "10", "m": "99"}).m == 40
    assert Config.from_query({"problem": "nonsense"}).problem == "sparse"


def test_baselines_round_trip_including_none() -> None:
    assert Config.from_query(Config(baselines=()).to_query()).baselines == ()
    assert Config.from_query({"baselines": "omp,evil,bp"}).baselines == ("omp", "bp")
    with pytest.raises(ConfigError, match="baselines"):
        Config.parse({"baselines": "bp,simplex"})


FIELD_NAMES = [f.name for f in dataclasses.fields(Config)]
_junk = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"-?\d{1,12}(\.\d{0,6})?(e-?\d{1,3})?", fullmatch=True),
    st.sampled_from(["nan", "inf", "-inf", "1e309", "0x10", "true", "False", "1,2,3,4,5", "2h", "", " 5 "]),
)
_queries = st.dictionaries(st.sampled_from([*FIELD_NAMES, "lang", "run", "evil"]), _junk, max_size=12)


@settings(max_examples=200, deadline=None)
@given(_queries)
def test_any_url_gives_a_valid_config_within_the_caps(query: dict[str, str]) -> None:
    c = Config.from_query(query)  # never raises: a crafted link cannot break the page
    assert c == Config.from_query(c.to_query())  # and what it shows round-trips
    assert c.width <= CAPS["width"].hi and c.steps <= CAPS["steps"].hi and c.max_seconds <= CAPS["max_seconds"].hi
    assert c.m <= c.max_m and c.s <= c.n and c.rank <= c.d


@settings(max_examples=200, deadline=None)
@given(_queries)
def test_strict_parse_gives_a_config_or_a_config_error(query: dict[str, str]) -> None:
    try:
        Config.parse(query)
    except ConfigError as exc:
        assert str(exc) and "\n" not in str(exc)


def test_the_depth_or_normalisation_scenario_is_a_valid_side_by_side() -> None:
    from core.experiments.scenarios import SCENARIOS

    sc = SCENARIOS["depth_or_norm"]
    assert (sc.n, sc.m, sc.s, sc.depths, sc.normalised, sc.bias) == (32, 16, 1, (1, 2), True, False)
    assert Config.from_query(sc.to_query()) == sc == Config.parse(sc.to_query())
    assert not any(s.normalised for name, s in SCENARIOS.items() if name != "depth_or_norm")
    assert Config().normalised is False  # not part of the default comparison


def test_a_share_link_keeps_every_activation_in_the_table() -> None:
    from core.science.activations import ACTIVATIONS_TABLE

    for name in ACTIVATIONS_TABLE:  # silu included
        cfg = Config.from_query({"activation": name})
        assert cfg.activation == name and Config.from_query(cfg.to_query()) == cfg


def test_biased_depths_round_trip_through_a_link_and_old_links_keep_their_meaning() -> None:
    cfg = Config(depths=(2,), biased=(1, 2))
    assert cfg.to_query()["biased"] == "1,2"
    assert Config.from_query(cfg.to_query()) == cfg
    assert Config().to_query()["biased"] == "none" and Config.from_query(Config().to_query()).biased == ()
    assert Config.from_query({"bias": "1", "depths": "2"}).biased == ()  # a link made before the field existed
    assert Config.from_query({"bias": "1", "biased": "2"}).biased == ()  # every depth is biased already


def test_biased_depths_and_bias_everywhere_do_not_combine_strictly() -> None:
    with pytest.raises(ConfigError, match="switch bias off"):
        Config(bias=True, biased=(2,))
    with pytest.raises(ConfigError):
        Config(biased=(2, 2))
    with pytest.raises(ConfigError):
        Config(biased=(5,))
    assert Config(depths=(), biased=(2,)).biased == (2,)  # a biased net alone is a comparison too
