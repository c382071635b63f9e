"""List strings that the page shows in another catalogue's wording.

Django merges the translation catalogues of all apps, and for a msgid without context the app
listed first in INSTALLED_APPS wins; Django admin and allauth come before ours. So a string such
as "Register" (our event registration) can be shown in allauth's sense ("Skapa konto", create an
account) although our catalogue translates it correctly. This command compares, language by
language, what each of our compiled catalogues says with what Django actually returns, and lists
every difference. Most are harmless synonyms; a real clash gets a context (``pgettext``,
``{% translate "..." context "..." %}``) in the app that means something else by it.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation


class Command(BaseCommand):
    help = "List our strings that Django shows in another catalogue's wording (run `make messages` first)."

    def handle(self, *args, **options):
        ours = [c for c in apps.get_app_configs() if c.name.startswith("northern_connections.")]
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        found = checked = 0
        for config in ours:
            for language in languages:
                mo = Path(config.path) / "locale" / language / "LC_MESSAGES" / "django.mo"
                if not mo.exists():
                    continue
                checked += 1
                for msgid, text, shown in _differences(mo, language):
                    found += 1
                    self.stdout.write(f"{config.label} {language}: {msgid!r}: ours {text!r}, shown {shown!r}")
        if not checked:
            raise CommandError("no compiled catalogues found; run `make messages` first")
        self.stdout.write(f"{found} difference(s) in {checked} catalogue(s)")


def _differences(mo: Path, language: str):
    """(msgid, our translation, what Django shows) for each string shown in another catalogue's wording."""
    with mo.open("rb") as fh:
        # the parsed catalogue; plural entries have tuple keys and are skipped
        catalogue = gettext.GNUTranslations(fh)._catalog
    with translation.override(language):
        for key, text in sorted(catalogue.items(), key=lambda kv: str(kv[0])):
            if not isinstance(key, str) or not key:
                continue
            context, _sep, msgid = key.rpartition("\x04")
            shown = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            if shown != text:
                yield msgid, text, shown
