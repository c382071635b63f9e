"""Rules for the tests themselves (issue 10, item 4)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _is_given(decorator: ast.expr) -> bool:
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    return getattr(call, "id", getattr(call, "attr", None)) == "given"


def _own_returns(function: ast.FunctionDef):
    """Return statements of the function itself, not of functions defined inside it."""
    stack = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))


def test_hypothesis_tests_reject_examples_with_assume_not_with_an_early_return():
    """An early return counts a rejected example as a pass; `assume()` tells Hypothesis to find another."""
    found = []
    for path in sorted(ROOT.glob("*/tests/test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(_is_given(d) for d in node.decorator_list):
                found += [f"{path.relative_to(ROOT)}:{r.lineno} {node.name}" for r in _own_returns(node)]
    assert not found, found
