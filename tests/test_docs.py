"""README and docs/ stay true: the README is short, its test command is CI's, and every path and link resolves."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]
MAX_README_LINES = 220
CORE_PATH = re.compile(r"\bcore/[A-Za-z0-9_./-]*")
CORE_MODULE = re.compile(r"(?<![\w/.])core(?:\.[A-Za-z_]\w*)+")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _prose(text: str) -> list[str]:
    """Lines outside fenced code blocks."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            out.append(line)
    return out


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {_slug(line.lstrip("#")) for line in _prose(_text(path)) if re.match(r"#{1,6} ", line)}


def test_the_readme_is_short() -> None:
    assert len(_text(README).splitlines()) <= MAX_README_LINES


def test_the_readme_test_command_is_exactly_what_ci_runs() -> None:
    after = _text(README).split("**Install and run the whole test suite**", 1)[1]
    readme = re.search(r"```bash\n(.*?)\n```", after, re.S).group(1).strip()
    ci = _text(ROOT / ".ci" / "run").split("# --- the README's test command, verbatim ---\n", 1)[1].strip()
    assert "\n" not in readme and readme.startswith("python3 -m venv")
    assert ci == readme


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_core_path_named_exists(page: Path) -> None:
    named = {m.group(0).rstrip(".") for m in CORE_PATH.finditer(_text(page))}
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing, f"{page.name} names paths that do not exist: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_dotted_core_module_named_exists(page: Path) -> None:
    """`core.science.problems.one_layer_floor`: packages down to a module file; what follows is an attribute."""
    bad = []
    for name in {m.group(0) for m in CORE_MODULE.finditer(_text(page))}:
        where, parts = ROOT / "core", name.split(".")[1:]
        for part in parts:
            if (where / part).is_dir():
                where = where / part
            elif (where / f"{part}.py").exists():
                break
            else:
                bad.append(name)
                break
    assert not bad, f"{page.name} names modules that do not exist: {sorted(bad)}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page: Path) -> None:
    broken = []
    for line in _prose(_text(page)):
        for target in LINK.findall(line):
            if re.match(r"[a-z]+:", target):
                continue  # https:, mailto:
            file, _, anchor = target.partition("#")
            dest = (page.parent / file).resolve() if file else page
            if not dest.exists() or (anchor and dest.suffix == ".md" and anchor not in _anchors(dest)):
                broken.append(target)
    assert not broken, f"{page.name}: broken links {broken}"


def test_every_doc_is_linked_from_the_readme() -> None:
    linked = {(ROOT / t.partition("#")[0]).resolve() for t in LINK.findall(_text(README))}
    assert DOCS and not [d.name for d in DOCS if d.resolve() not in linked]


def test_the_readme_and_docs_state_the_science_as_science_md_does() -> None:
    """The corrections of issue 12 (the shared science notes, facts 1, 3, 7, 8 and 'Fair baselines'), where a reader
    of the README and docs/science.md meets them; the retired over-statements are gone."""
    readme, science = _text(README), _text(ROOT / "docs" / "science.md")
    flat = " ".join(readme.split())  # sentences wrap across lines
    assert "bias-free ReLU-type networks" in flat  # fact 7: the statement's class
    assert "√(1 − rank(A)/n)" in flat and "sign-symmetric isotropic" in flat  # fact 3, an RMS average
    assert "such two-layer networks exist" in flat and "training stops short" in flat  # fact 8
    assert "`--depths 1n`" in flat and "outside the paper's class" in flat  # fact 7's other road
    assert "`bpdn`" in flat and "oracle" in flat and "unit-norm columns" in flat  # fair baselines
    assert "√(1 − m/n)" not in readme + science
    flat_science = " ".join(science.split())
    for fact in ("GELU, softplus, SiLU", "tanh, sigmoid, ELU", "error is ≥ 1", "Existence is not training"):
        assert fact in flat_science, fact  # fact 1: the floor follows the odd part; |t| is even
