"""makemessages that also extracts `_lazy("...")`, the name the views give `gettext_lazy` beside `_`.

Without it xgettext skips those strings and makemessages marks their translations obsolete.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_lazy"]
