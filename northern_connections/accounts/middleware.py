from django.utils import translation


class PreferredLanguageMiddleware:
    """A logged-in user sees the interface in the language of their profile unless they switch.

    Runs after LocaleMiddleware: an explicit choice in the language switcher (the language
    cookie) still wins, so a Danish officer can look at the English page for a moment.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)
