from django.conf import settings


def platform(request):
    """Values every page template needs (language switcher, page sizes)."""
    return {"PLATFORM_NAME": "Northern Connections", "PAGE_SIZES": settings.PAGE_SIZES}
