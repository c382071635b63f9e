import pytest

from northern_connections.matchmaking.index import reset_process_cache


@pytest.fixture(autouse=True)
def _fresh_index_copies():
    """Each test's database is rolled back, so no process copy of the index may outlive a test."""
    reset_process_cache()
    yield
    reset_process_cache()


@pytest.fixture
def market(people):
    """A small cross-border market (see factories.build_market), with the people's users."""
    from .factories import build_market

    return build_market(people)
