"""Dependencies point one way: pages → core. The core never imports Streamlit."""

import ast
from pathlib import Path

import pytest

CORE = sorted((Path(__file__).parents[1] / "core").rglob("*.py"))


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_never_imports_streamlit(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"streamlit", "ui", "pages"}, f"{path.name} imports {imported}"


def test_core_files_exist() -> None:
    assert len(CORE) >= 5
