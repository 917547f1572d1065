"""The Cost page's inputs in a link: the same keys as ever, exact round trips, crafted values clamped."""

import pytest

from core.cost import estimate as cost
from core.cost.inputs import CAPS, DEFAULT_PRICE_PER_CPU_HOUR, CostInputs


def test_to_query_uses_the_old_keys_and_reads_back_exactly() -> None:
    inputs = CostInputs(signals_per_day=123_456_789.5, retrainings_per_month=10.00001, price_per_cpu_hour=0.1 + 0.2,
                        currency="USD")  # fmt: skip
    query = inputs.to_query()
    assert set(query) == {"spd", "rpm", "price", "cur"}
    assert query["rpm"] == "10.00001" and query["cur"] == "USD"
    assert CostInputs.from_query(query) == inputs
    assert CostInputs().to_query() == {"spd": "100000", "rpm": "4", "price": "7", "cur": "JPY"}


def test_an_old_link_keeps_its_meaning() -> None:
    old = {"spd": "1e+06", "rpm": "2", "price": "0.04", "cur": "USD"}  # written with :g before the parser moved
    assert CostInputs.from_query(old) == CostInputs(
        signals_per_day=1e6, retrainings_per_month=2.0, price_per_cpu_hour=0.04, currency="USD"
    )


def test_crafted_numbers_are_clamped_into_the_caps() -> None:
    got = CostInputs.from_query({"spd": "1e99", "rpm": "-5", "price": "inf"})
    assert got.signals_per_day == CAPS["signals_per_day"].hi == 1e10
    assert got.retrainings_per_month == 0.0 and got.price_per_cpu_hour == CAPS["price_per_cpu_hour"].hi == 1e6


@pytest.mark.parametrize("bad", ["abc", "nan", "", "1,2"])
def test_unreadable_numbers_fall_back_to_the_defaults(bad: str) -> None:
    assert CostInputs.from_query({"spd": bad, "rpm": bad, "price": bad}) == CostInputs()


def test_an_unknown_currency_falls_back_to_yen_and_its_default_price() -> None:
    got = CostInputs.from_query({"cur": "EUR", "evil": "1"})
    assert got.currency == "JPY" and got.price_per_cpu_hour == DEFAULT_PRICE_PER_CPU_HOUR["JPY"]
    assert CostInputs.from_query({"cur": "usd"}).currency == "JPY"  # exactly as written, as before
    assert CostInputs.from_query({"cur": "USD"}).price_per_cpu_hour == DEFAULT_PRICE_PER_CPU_HOUR["USD"]


def test_a_repeated_key_takes_the_last_value() -> None:
    assert CostInputs.from_query({"rpm": ["3", "8"], "cur": ["USD", "JPY"]}) == CostInputs(retrainings_per_month=8.0)


def test_the_cost_model_still_exports_the_inputs() -> None:
    assert cost.CostInputs is CostInputs  # estimate's functions take them; old imports keep working
