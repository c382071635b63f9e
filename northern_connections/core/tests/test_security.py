"""Content Security Policy (issue 19, core/security.py): the header, and the finder of inline scripts in templates."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from northern_connections.core.security import policy_header

ROOT = Path(settings.BASE_DIR)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"""<[^>]*\son[a-z]+\s*=\s*["']""", re.I)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.I)
POLICY = {"default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'", "'unsafe-inline'"]}


def _templates():
    for base in (ROOT / "templates", ROOT / "northern_connections"):
        yield from (p for p in base.rglob("*.html") if "/tests/" not in str(p))


def inline_script_offenders() -> list[str]:
    """Template lines with an inline script, an event handler attribute or a javascript: URL.

    Checked by core/tests/test_one_rule.py (which every app's landing runs): each would need
    'unsafe-inline' in production's policy; put the behaviour in static/js/site.js instead.
    """
    return [f"{path.relative_to(ROOT)}:{n}" for path in _templates()
            for n, line in enumerate(path.read_text().splitlines(), 1)
            if INLINE_SCRIPT.search(line) or INLINE_HANDLER.search(line) or JS_URL.search(line)]


def test_the_patterns_find_what_they_refuse():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>") and not INLINE_SCRIPT.search('<script src="/a.js">')
    assert not INLINE_SCRIPT.search('<script type="application/json" id="x">')
    assert INLINE_HANDLER.search('<select id="m" onchange="go()">') and not INLINE_HANDLER.search('<a data-on="x">')


def test_policy_header_adds_a_page_s_extra_sources():
    header = policy_header(POLICY, {"script-src": ["https://cdn.example"], "img-src": ["https://cdn.example"]})
    assert header == ("default-src 'self'; script-src 'self' https://cdn.example; "
                      "style-src 'self' 'unsafe-inline'; img-src 'self' https://cdn.example")


@pytest.mark.django_db
def test_no_header_without_a_policy(client):
    assert "Content-Security-Policy" not in client.get("/health/")


@pytest.mark.django_db
@override_settings(CONTENT_SECURITY_POLICY=POLICY)
def test_pages_carry_the_policy_and_the_api_docs_add_their_cdn(client):
    assert client.get("/health/")["Content-Security-Policy"] == policy_header(POLICY)
    docs = client.get("/api/docs/")
    assert "script-src 'self' https://cdn.jsdelivr.net" in docs["Content-Security-Policy"]
    assert 'src="/api/docs/?script="' in docs.content.decode()
    assert "SwaggerUIBundle" in client.get("/api/docs/?script=").content.decode()


def test_production_policy_allows_no_inline_script():
    import ast

    tree = ast.parse((ROOT / "config" / "settings" / "prod.py").read_text())
    (node,) = [n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "CONTENT_SECURITY_POLICY"]
    policy = ast.literal_eval(node)
    assert policy["script-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["default-src"] and "'unsafe-eval'" not in str(policy)
