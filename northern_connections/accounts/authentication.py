"""`Authorization: Token <key>` against hashed keys (accounts.ApiToken), for API clients.

DRF's own `authtoken` keeps keys in clear in the database, so a leaked backup or a read-only
SQL injection would hand out every key; this class keeps DRF's header format and error
responses and only changes how a key is found.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .models import ApiToken

# Writing `last_used` on every request would turn each API read into a write; once a minute is
# enough to tell an operator whether a key is still in use.
LAST_USED_RESOLUTION_SECONDS = 60


class ApiTokenAuthentication(TokenAuthentication):
    """Looks a key up by its clear prefix, then compares SHA-256 digests in constant time."""

    model = ApiToken

    def authenticate_credentials(self, key):
        token = (
            ApiToken.objects.select_related("user").filter(prefix=key[: ApiToken.PREFIX_LENGTH]).first()
        )
        if token is None or not token.matches(key):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        now = timezone.now()
        if token.last_used is None or (now - token.last_used).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return token.user, token
