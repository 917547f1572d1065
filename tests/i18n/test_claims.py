"""The claims registry is complete and current, and its verdict thresholds draw the lines the pages word."""

import re

import pytest

from core.i18n import LANGS, MESSAGES
from core.i18n.claims import CLAIMS, FLAT_BOUNDS, NOT_CLAIMS, ON_FLOOR, category, flat_bound, floor_verdict

# A message needs a place in the registry when it has a digit, a value, or says how sure it is.
_STATES = re.compile(r"[0-9０-９]|proven|measured|paper|証明|実測|論文", re.IGNORECASE)


def _states_something(key: str) -> bool:
    return any(
        "{" in MESSAGES[lang][key] or _STATES.search(MESSAGES[lang][key].replace("{{", "").replace("}}", ""))
        for lang in LANGS
    )


def test_every_message_that_states_a_number_or_a_certainty_is_classified() -> None:
    missing = [key for key in MESSAGES["en"] if _states_something(key) and category(key) is None]
    assert not missing, f"register these in core/i18n/claims.py (a claim, or a setting, name or feedback): {missing}"


def test_the_registry_names_only_messages_that_exist() -> None:
    assert [key for key in CLAIMS if key not in MESSAGES["en"]] == []
    for names in NOT_CLAIMS.values():
        for name in names:
            assert any(k == name or (name.endswith((".", "_")) and k.startswith(name)) for k in MESSAGES["en"]), name


def test_every_claim_says_how_sure_it_is_and_why() -> None:
    for key, claim in CLAIMS.items():
        assert claim.kind in ("proven", "measured", "recorded", "paper"), key
        assert len(claim.basis) > 10, key


@pytest.mark.parametrize(
    ("error", "verdict"), [(0.707, "on"), (0.707 * (1 + ON_FLOOR / 2), "on"), (0.75, "above"), (0.6, "below")]
)
def test_floor_verdict_is_relative_to_the_floor(error: float, verdict: str) -> None:
    assert floor_verdict(error, 0.707) == verdict


def test_flat_bound_is_the_smallest_bound_that_holds() -> None:
    assert flat_bound(5e-5) == FLAT_BOUNDS[0]
    assert flat_bound(5e-3) == 1e-2
    assert flat_bound(0.5) is None
