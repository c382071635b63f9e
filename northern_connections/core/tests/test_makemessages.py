"""makemessages extracts `_lazy(...)` strings (the views' name for gettext_lazy) beside `_()` ones."""

from django.core.management import call_command


def test_lazy_strings_are_extracted(tmp_path, monkeypatch):
    (tmp_path / "locale").mkdir()
    (tmp_path / "views.py").write_text(
        'from django.utils.translation import gettext as _, gettext_lazy as _lazy\n'
        'DONE = _lazy("Exception recorded.")\nSEEN = _("Scores saved.")\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["da"], verbosity=0)
    catalogue = (tmp_path / "locale" / "da" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert 'msgid "Exception recorded."' in catalogue and 'msgid "Scores saved."' in catalogue
