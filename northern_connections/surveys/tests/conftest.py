import pytest


@pytest.fixture
def tokens(monkeypatch):
    """The links mailed by `invitations_deliver`, by e-mail address (the database keeps only digests)."""
    from northern_connections.surveys import notifications

    sent: dict[str, str] = {}
    original = notifications.invitation

    def capture(invitation, token, *, reminder=False):
        sent[invitation.email] = token
        original(invitation, token, reminder=reminder)

    monkeypatch.setattr(notifications, "invitation", capture)
    return sent


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`commit(service, **kwargs)`: call a service and run what it left for after the commit (mail, tasks)."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run
