"""The translation-conflict report: strings another app's catalogue translates first."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

COMPILED = list(Path(__file__).resolve().parents[2].glob("*/locale/*/LC_MESSAGES/django.mo"))


@pytest.mark.skipif(not COMPILED, reason="catalogues not compiled (`make test` compiles them first)")
def test_report_lists_differences_but_none_of_the_strings_given_a_context():
    out = StringIO()
    call_command("translation_conflicts", stdout=out)
    report = out.getvalue()
    assert report.strip().splitlines()[-1].endswith("catalogue(s)")
    # these clashed with Django admin's and allauth's wording until they got a msgctxt
    for msgid in ("'Register'", "'Summary'", "'History'", "'Confirm'", "'Action'"):
        assert msgid not in report
