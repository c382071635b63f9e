from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The platform's front page: the one place allowed to gather figures from every domain app.

    It sits above the apps (core imports none of them, the apps do not import this one), so the
    front page can grow with each new capability without tying core to a domain.
    """

    name = "northern_connections.home"
    label = "home"
