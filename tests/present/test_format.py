"""One number style each for percentages, money and ratios: what a reader sees on every screen."""

import re

import pytest

from core.present import format as fmt


def test_percent_has_three_significant_digits_and_never_e_notation() -> None:
    assert fmt.percent(0.70849) == "70.8%"
    assert fmt.percent(0.0253) == "2.53%"
    assert fmt.percent(0.000213) == "0.0213%"
    assert fmt.percent(16.52) == "1,652%"
    assert fmt.percent(6.35e-7) == "< 0.01%"  # below a hundredth of a percent the digits are sampling noise
    assert fmt.percent(0.0) == "0%"
    assert fmt.percent(None) == fmt.percent(float("nan")) == fmt.percent(float("inf")) == "–"
    assert fmt.percent(-0.0123) == "-1.23%"


@pytest.mark.parametrize("currency", ["JPY", "USD"])
@pytest.mark.parametrize("value", [3e-13, 4.6e-8, 1e-6, 3e-4, 0.0049, 0.5, 0.996, 1.4, 99.996, 12_345.6, 3e9])
def test_money_never_prints_a_nonzero_amount_as_zero(currency: str, value: float) -> None:
    for v in (value, -value):
        text = fmt.money(v, currency)
        assert re.search(r"[1-9]", text), text
        assert "e-" not in text and "e+" not in text, text  # never scientific notation for money
        sign = "-" if v < 0 else ""
        assert text.removeprefix("< ").startswith(sign + fmt.CURRENCY_SYMBOLS[currency]), text


def test_money_examples() -> None:
    assert fmt.money(1234.4, "JPY") == "¥1,234"
    assert fmt.money(0.0003, "JPY") == "¥0.0003"
    assert fmt.money(0.0, "JPY") == "¥0"
    assert fmt.money(12.3456, "USD") == "$12.35"
    assert fmt.money(0.5, "USD") == "$0.50"
    assert fmt.money(0.0035, "USD") == "$0.0035"
    assert fmt.money(1234.4, "USD") == "$1,234"
    assert fmt.money(float("nan"), "USD") == "–"
    assert fmt.money(4.6e-8, "JPY") == "< ¥0.0001"


def test_amounts_per_signal_are_quoted_for_a_volume_that_reads() -> None:
    assert fmt.volume_for([6.4e-10, 3.5e-9]) == 1_000_000_000  # ¥0.64 per billion, not ¥6.4e-07 per 1,000
    assert fmt.volume_for([2e-6, 0.05]) == 1_000_000  # the smallest amount decides: ¥2 per million
    assert fmt.volume_for([5e-4]) == 1_000
    assert fmt.volume_for([0.0, float("nan")]) == 1_000


def test_ratio_keeps_two_significant_digits_once_larger_would_be_noise() -> None:
    assert fmt.ratio(6.54) == "6.5"
    assert fmt.ratio(625.4) == "625"
    assert fmt.ratio(1_634.0) == "1,600"
    assert fmt.ratio(1_123_456.0) == "1,100,000"
    assert fmt.ratio_of(2.0, 3200.0) == fmt.ratio_of(3200.0, 2.0) == "1,600"
    assert fmt.ratio_of(0.0, 1.0) == "∞"


def test_counts_and_milliseconds() -> None:
    assert fmt.count(2_285_239.4) == "2,285,239"
    assert fmt.count(8.512) == "8.51"
    assert fmt.milliseconds(0.00189) == "1.89"


def test_powers_of_ten_read_as_the_log_axes_write_them() -> None:
    from core.present.format import power_of_ten

    assert [power_of_ten(v) for v in (1e-7, 1e-3, 1, 1e3)] == ["10⁻⁷", "10⁻³", "10⁰", "10³"]


def test_magnitudes_read_without_e_notation() -> None:
    from core.present.format import magnitude

    got = [magnitude(v) for v in (3.2e-7, 9.96e-8, 2.2e1, 0.031, 1653.0, 0.0, -4e-5)]
    assert got == ["3.2 × 10⁻⁷", "1.0 × 10⁻⁷", "22", "0.031", "1,700", "0", "-4.0 × 10⁻⁵"]
