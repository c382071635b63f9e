"""Each rule in one place (issue 10 item 2): status values are named only by models and choices.

Templates, forms and views ask the model's predicates (`challenge.is_editable`) or use the
choices (`ChallengeStatus.DRAFT`); a status typed as a string literal there is a second copy of a
rule that drifts. This test reads the source, so it fails the day someone types one again.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "northern_connections"
TEMPLATE_COMPARISON = re.compile(r"""status\s*(?:==|!=)\s*["']|["']\s*(?:==|!=)\s*\w*\.?status\b""")


def _view_and_form_modules():
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        if path.name in ("forms.py", "views.py", "serializers.py") or "views" in parts[:-1]:
            yield path


def _mentions_status(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == "status" or isinstance(n, ast.Name) and "status" in n.id
               for n in ast.walk(node))


def _string_constants(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _literals_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Compare) and _mentions_status(node.left):
            found += [f"{path.name}:{node.lineno} {v!r}" for c in node.comparators for v in _string_constants(c)]
        elif isinstance(node, ast.keyword) and node.arg and node.arg.split("__")[0] == "status":
            found += [f"{path.name}:{node.value.lineno} {v!r}" for v in _string_constants(node.value)]
    return found


def test_no_template_compares_a_status_with_a_string():
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in ROOT.rglob("*.html")
                 for n, line in enumerate(path.read_text().splitlines(), 1) if TEMPLATE_COMPARISON.search(line)]
    assert not offenders, f"status literals in templates (use the model's is_* predicates): {offenders}"


def test_no_view_form_or_serializer_names_a_status_as_a_string():
    offenders = [hit for path in _view_and_form_modules() for hit in _literals_in(path)]
    assert not offenders, f"status literals in views/forms/serializers (use choices or predicates): {offenders}"


DOMAIN_APPS = ("accounts", "directory", "challenges", "matchmaking", "events", "home", "livinglabs", "support",
               "strategy", "knowledge", "partnering", "monitoring", "surveys")


def test_core_imports_no_domain_app():
    """Core is what every app shares (DESIGN.md §4.2): it may be imported by all and imports none of them.

    `testing.py` builds the permission suite's world from the apps' factories and is test support only;
    imports under `if TYPE_CHECKING:` are annotations, not dependencies.
    """
    offenders = []
    for path in (ROOT / "core").rglob("*.py"):
        if "tests" in path.parts or path.name == "testing.py":
            continue
        tree = ast.parse(path.read_text())
        typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                       and getattr(node.test, "id", "") == "TYPE_CHECKING" for n in ast.walk(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and id(node) not in typing_only and node.module and any(
                    node.module.startswith(f"northern_connections.{app}") for app in DOMAIN_APPS):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
    assert not offenders, offenders


def test_no_template_has_an_inline_script_or_event_handler():
    """Production's Content Security Policy runs scripts from our static files only (issue 19)."""
    from .test_security import inline_script_offenders

    offenders = inline_script_offenders()
    assert not offenders, f"inline scripts or event handlers (move them to static/js/site.js): {offenders}"
