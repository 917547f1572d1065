"""The recorded CLI runs give the same numbers: a refactor that changes one fails here (golden/cases.py)."""

import json

import pytest

from tests.experiments.golden.cases import CASES, HERE, differences, numbers, run_case


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_same_seeds_give_the_recorded_numbers(name: str) -> None:
    want = json.loads((HERE / f"{name}.json").read_text())
    assert differences(numbers(run_case(name)), want) == []


def test_differences_sees_a_changed_number_and_a_missing_key() -> None:
    want = {"a": 0.5, "b": [1, {"c": "ok"}]}
    assert differences({"a": 0.5, "b": [1, {"c": "ok"}], "new": 1}, want) == []
    assert differences({"a": 0.50001, "b": [1, {"c": "ok"}]}, want) == []
    assert differences({"a": 0.5, "b": [1, {"c": "ok"}], "tiny": 6.9e-7}, want | {"tiny": 7.4e-7}) == []
    assert differences({"a": 0.51, "b": [1, {"c": "ok"}]}, want) == [".a: 0.51 != 0.5"]
    assert differences({"a": 0.5, "b": [1, {}]}, want) == [".b[1].c: missing"]
