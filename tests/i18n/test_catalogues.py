"""One catalogue per page, terms.py for the words every page shares, notes.py for core's notes: each catalogue in
AREAS has EN and JA with the same keys and placeholders, each key prefix belongs to exactly one catalogue, and no key
is defined twice."""

import string
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from core import i18n

# Catalogue → the key prefixes it owns. A name is a key's first part ("home" owns "home.title"); a prefix with a dot
# is matched as written. A key belongs to the catalogue with its longest matching prefix: config.* are the shared
# Config errors, config.sweep_* the ones only the Sweep page shows.
PREFIXES: dict[str, str | tuple[str, ...]] = {
    "terms": (
        "lang",
        "nav",
        "common",
        "model",
        "decoder",
        "problem",
        "signal",
        "chart",
        "config",
        "init",
        "optimizer",
        "volume",
    ),
    "home": "home",
    "lab": ("lab", "ctl", "scenario", "scenarios"),
    "theory": "theory",
    "cost": ("costpage", "cost"),
    "pilot": ("pilot", "scalecheck", "csv"),
    "sweep": ("sweep", "config.sweep_"),
    "images": ("images", "image"),
    "report": "report",
    "notes": "note",
}


def _name(area: ModuleType) -> str:
    return area.__name__.rsplit(".", 1)[-1]


def _prefixes(name: str) -> tuple[str, ...]:
    listed = PREFIXES[name]
    return tuple(p if "." in p else f"{p}." for p in ((listed,) if isinstance(listed, str) else listed))


def _owner(key: str) -> str:
    """The catalogue whose longest listed prefix starts `key` ('' when none does)."""
    matches = [(len(p), name) for name in PREFIXES for p in _prefixes(name) if key.startswith(p)]
    return max(matches)[1] if matches else ""


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


AREAS = {_name(area): area for area in i18n.AREAS}


def test_the_table_names_every_catalogue_once_and_the_folder_holds_no_other() -> None:
    assert len(AREAS) == len(i18n.AREAS)
    assert sorted(AREAS) == sorted(PREFIXES)
    folder = Path(i18n.__file__).parent
    # glossary.py and claims.py hold no messages: the vocabulary the catalogues' Japanese words follow, and what
    # each message claims
    modules = [p.stem for p in folder.glob("*.py") if p.name not in ("__init__.py", "glossary.py", "claims.py")]
    assert sorted(modules) == sorted(PREFIXES)


def test_no_prefix_is_listed_twice() -> None:
    listed = Counter(p for name in PREFIXES for p in _prefixes(name))
    assert [p for p, count in listed.items() if count > 1] == []


@pytest.mark.parametrize("name", sorted(PREFIXES))
def test_english_and_japanese_have_the_same_keys_and_placeholders(name: str) -> None:
    area = AREAS[name]
    assert area.EN.keys() == area.JA.keys()
    for key, en in area.EN.items():
        assert _fields(en) == _fields(area.JA[key]), key
        assert area.JA[key].strip(), key


@pytest.mark.parametrize("name", sorted(PREFIXES))
def test_each_key_lives_in_the_catalogue_that_owns_its_prefix(name: str) -> None:
    keys = AREAS[name].EN.keys()
    assert [key for key in keys if _owner(key) != name] == []
    assert [p for p in _prefixes(name) if not any(key.startswith(p) for key in keys)] == []  # no stale entry


def test_no_key_is_defined_twice() -> None:
    for lang in ("EN", "JA"):
        counts = Counter(key for area in i18n.AREAS for key in getattr(area, lang))
        assert [key for key, count in counts.items() if count > 1] == [], lang
        assert len(counts) == len(i18n.MESSAGES[lang.lower()])
