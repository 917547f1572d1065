"""The shape of the code, as facts: dependencies point one way, no cycles, no borrowed private names, one home
for each idea. `core/` never imports Streamlit; its root holds only config.py and fields.py."""

import ast
import importlib
from pathlib import Path

import pytest

from tests import ROOT

CORE = sorted((ROOT / "core").rglob("*.py"))
PROJECT = [*sorted(p for d in ("core", "ui", "pages", "bench") for p in (ROOT / d).rglob("*.py")), ROOT / "app.py"]


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(module, names) of every import in the file, at any depth: inside functions and TYPE_CHECKING too."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: resolve against the file's package
                package = _module(path).split(".")[: None if path.name == "__init__.py" else -1]
                package = package[: len(package) - (node.level - 1)]
                module = ".".join([*package, module] if module else package)
            out.append((module, tuple(alias.name for alias in node.names)))
    return out


MODULES = {_module(p): p for p in PROJECT}


def _edges() -> dict[str, set[str]]:
    """Module → project modules it imports (a `from package import module` counts as importing the module)."""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = set()
        for module, names in _imports(path):
            for candidate in [f"{module}.{n}" for n in names] + [module]:
                if candidate in MODULES:
                    targets.add(candidate)
                    break
        graph[name] = targets - {name}
    return graph


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_never_imports_streamlit_or_the_ui(path: Path) -> None:
    imported = {module.split(".")[0] for module, _ in _imports(path)}
    assert not imported & {"streamlit", "ui", "pages"}, f"{path.relative_to(ROOT)} imports {imported}"


def test_there_are_no_import_cycles() -> None:
    graph, state, cycles = _edges(), {}, []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                cycles.append(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_no_module_imports_another_modules_private_name() -> None:
    borrowed = [
        f"{name} takes {imported} from {module}"
        for name, path in MODULES.items()
        for module, names in _imports(path)
        if module in MODULES and module != name
        for imported in names
        if imported.startswith("_")
    ]
    assert borrowed == []


def test_core_root_holds_only_config_and_fields() -> None:
    files = sorted(p.name for p in (ROOT / "core").glob("*.py"))
    assert files == ["__init__.py", "__main__.py", "config.py", "fields.py"]
    rooms = sorted(p.name for p in (ROOT / "core").iterdir() if p.is_dir() and p.name != "__pycache__")
    assert rooms == ["cost", "experiments", "i18n", "io", "present", "runtime", "science"]


def test_every_core_module_imports() -> None:
    for path in CORE:
        if path.name != "__main__.py":
            importlib.import_module(_module(path))


# One idea, one place: the survivors exist, the retired copies are gone.
SURVIVORS = {
    "core.present.format": ("percent", "money", "ratio"),
    "core.i18n": ("t",),
    "core.science.train": ("train",),
    "core.science.sizes": ("params",),
    "core.fields": ("Cap",),
    "core.present.labels": ("model_label", "decoder_label", "colour"),
    "core.runtime.store": ("ResultStore",),
    "core.present.tables": ("results_rows", "results_csv"),
}
RETIRED = {
    "core.cost.estimate": ("format_money", "format_percent", "_fixed", "_ratio", "_t", "layer_shapes", "_CAPS"),
    "core.cost.verdict": ("_t", "_ratio"),
    "core.present.report.document": ("format_error", "_ratio", "_t", "results_csv"),
    "ui.views.lab": ("results_table", "pct"),
    "core.present.charts.lab": ("_layout", "model_label", "DEPTH_COLOURS"),
    "core.experiments.scalecheck": ("_fit", "_say"),
    "core.science.models": ("count_params",),
    "core.science.handbuilt": ("hand_built_params",),
    "core.science.unrolled": ("unrolled_params", "unrolled_shapes"),
    "core.config": ("_check", "_short", "_coerce", "_convert"),
}


@pytest.mark.parametrize("module", sorted(SURVIVORS))
def test_the_one_home_of_each_idea_exists(module: str) -> None:
    loaded = importlib.import_module(module)
    assert all(callable(getattr(loaded, name, None)) for name in SURVIVORS[module])


@pytest.mark.parametrize("module", sorted(RETIRED))
def test_retired_copies_are_gone(module: str) -> None:
    assert [name for name in RETIRED[module] if name in _defined(MODULES[module])] == []


def _defined(path: Path) -> set[str]:
    """Names a module defines at its top level (functions, classes, assignments), not the ones it imports."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def test_the_science_imports_nothing_but_config_and_i18n() -> None:
    """science/ is the room a reader checks against the paper: no product, machinery or I/O leaks into it."""
    allowed = ("core.science", "core.config", "core.fields", "core.i18n")
    leaks = [
        f"{name} imports {module}"
        for name, path in MODULES.items()
        if name.startswith("core.science")
        for module, _ in _imports(path)
        if module.startswith("core") and not module.startswith(allowed)
    ]
    assert leaks == []
