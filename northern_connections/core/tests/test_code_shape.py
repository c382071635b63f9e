"""Rooms of a readable size (issue 10 item 3): no function over 80 lines, migrations and demo data aside.

Ruff caps complexity, branches, statements and nesting (pyproject.toml); it has no rule for a
function's length, which is what a reader feels first, so this test measures it.
"""

import ast
from pathlib import Path

from django.conf import settings

MAX_LINES = 80
ROOTS = ("northern_connections", "config", "e2e", "bench", "scripts")


def _functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            yield node.name, node.end_lineno - first + 1


def test_no_function_is_longer_than_80_lines():
    base = Path(settings.BASE_DIR)
    too_long = [f"{path.relative_to(base)}: {name} ({lines} lines)"
                for root in ROOTS for path in (base / root).rglob("*.py")
                if "migrations" not in path.parts and path.name != "demo.py"
                for name, lines in _functions(path) if lines > MAX_LINES]
    assert not too_long, too_long
