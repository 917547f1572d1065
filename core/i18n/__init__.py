"""Every text ScaleLab writes, in Japanese (the default) and English.

One catalogue per page: home, lab (with its controls and scenarios), theory, cost, pilot, sweep, images, and report
for the downloadable HTML report. Words every page shares (language and page names, model, decoder and
problem names, chart texts, Config errors) live in terms.py; what core says about a result (a Note) lives in
notes.py. Each catalogue has an `EN` and a `JA` dict of the same keys, and each key prefix belongs to one
catalogue; `t(key, lang, **values)` formats one. Tests check that both languages have every key and the same
placeholders, so a missing translation fails CI instead of showing English to a Japanese meeting.
"""

from __future__ import annotations

from typing import NamedTuple

from core.i18n import cost, home, images, lab, notes, pilot, report, sweep, terms, theory

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"
AREAS = (terms, home, lab, theory, cost, pilot, sweep, images, report, notes)  # modules with EN and JA dicts: see above

MESSAGES: dict[str, dict[str, str]] = {"en": {}, "ja": {}}


def _register() -> None:
    """Merge every area's dicts; a key defined twice is a bug (two areas would fight over it)."""
    for area in AREAS:
        for lang, table in (("en", area.EN), ("ja", area.JA)):
            clash = MESSAGES[lang].keys() & table.keys()
            if clash:
                raise KeyError(f"message keys defined twice: {sorted(clash)}")
            MESSAGES[lang].update(table)


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The message `key` in `lang` (unknown languages fall back to Japanese), formatted with `values`."""
    table = MESSAGES.get(lang, MESSAGES[DEFAULT_LANG])
    return table[key].format(**values)


class Note(NamedTuple):
    """What core has to say about a result, as a message key and the values it states; a page words it.

    Core never returns a sentence: `note("note.diverged", step=80, good_step=51)` is worded by the page, in
    whatever language its reader chose, from the catalogues (core/i18n/notes.py and the others).
    """

    key: str
    values: dict[str, object]

    def words(self, lang: str = DEFAULT_LANG) -> str:
        """The note as text in `lang`."""
        return t(self.key, lang, **self.values)


def note(key: str, **values: object) -> Note:
    """A Note with these values."""
    return Note(key, values)


def has(key: str) -> bool:
    """Whether a message `key` exists (every language has the same keys: a test checks it)."""
    return key in MESSAGES[DEFAULT_LANG]


def normalise_lang(value: object) -> str:
    """A language code from a URL or flag: 'ja' or 'en'; anything else is the default."""
    text = str(value or "").strip().lower()
    return text if text in LANGS else DEFAULT_LANG


_register()
