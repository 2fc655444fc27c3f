import pytest
from django.conf import settings as django_settings

from realtime import limits

GENEROUS = {
    "messages": {"user": (1_000_000, 10), "ip": (1_000_000, 10)},
    "actions": {"user": (1_000_000, 10), "ip": (1_000_000, 10)},
    "chats": {"user": (1_000_000, 10), "ip": (1_000_000, 10)},
    "sockets": {"user": 1_000, "ip": 1_000},
}


def clear_counts() -> None:
    limits.reset()
    if django_settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(django_settings.REDIS_URL)
        keys = list(client.scan_iter("ws:*"))
        if keys:
            client.delete(*keys)
        client.close()


@pytest.fixture(autouse=True)
def _no_collector_task(settings):
    """The worker's periodic freeze (realtime.collector) is not started by in-process consumers: its collections
    would land in the middle of tests that wait for a socket to go quiet. Its own tests and the daphne workers of
    test_workers run it."""
    settings.SCORECARD_GC_FREEZE_SECONDS = 0


@pytest.fixture(autouse=True)
def _generous_cross_socket_limits(settings):
    """Tests of other behaviour are not limited across sockets (their users and address repeat); tests of the
    limits set theirs."""
    settings.SCORECARD_WS_LIMITS = GENEROUS
    clear_counts()
    yield
    clear_counts()
