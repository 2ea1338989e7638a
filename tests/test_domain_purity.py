"""The domain layer stays pure (design.md): standard library only, no I/O, no clock, no chance.

Determinism is what lets anyone re-run an auction and get the court's result,
so a clock read or a random draw hidden in ``domain/`` is a defect.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[1] / "src" / "fapai" / "domain"
FILES = sorted(DOMAIN.rglob("*.py"))
IO_MODULES = {
    "os",
    "io",
    "sys",
    "time",
    "random",
    "secrets",
    "socket",
    "subprocess",
    "pathlib",
    "sqlite3",
    "urllib",
    "http",
    "logging",
    "shutil",
    "tempfile",
    "threading",
    "asyncio",
}
CLOCK_CALLS = {"now", "utcnow", "today", "time", "monotonic", "perf_counter"}


def imported_roots(tree: ast.AST) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_the_domain_has_modules() -> None:
    assert len(FILES) >= 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DOMAIN)))
def test_domain_imports_only_the_standard_library(path: Path) -> None:
    roots = imported_roots(ast.parse(path.read_text()))
    foreign = {
        r for r in roots if r not in sys.stdlib_module_names and r not in {"fapai", "__future__"}
    }
    assert not foreign, f"{path.name} imports {sorted(foreign)}"
    assert not roots & IO_MODULES, (
        f"{path.name} imports I/O or chance: {sorted(roots & IO_MODULES)}"
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DOMAIN)))
def test_domain_never_reads_the_clock(path: Path) -> None:
    calls = {
        node.func.attr
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not calls & CLOCK_CALLS, f"{path.name} calls {sorted(calls & CLOCK_CALLS)}"
