"""Who is connected to which game: connection rows per socket, kept alive by each worker's heartbeat."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction

from games.access import User
from games.models import GameConnection, GameSession
from scorecard.clock import pendulum_now


def presence_join(*, game_id: Any, channel_name: str, user: User, role: str, server: str = "") -> None:
    """Records an open connection and keeps GameSession.connected_users in step."""
    user_id = user.pk if user is not None and user.is_authenticated else None
    with transaction.atomic():
        GameConnection.objects.update_or_create(
            channel_name=channel_name,
            defaults={
                "game_id": game_id,
                "user_id": user_id,
                "role": role,
                "server": server,
                "seen_at": pendulum_now(),
            },
        )
        _sync_connected(game_id)


def presence_heartbeat(*, server: str) -> int:
    """Marks every connection held by worker `server` as alive now."""
    return GameConnection.objects.filter(server=server).update(seen_at=pendulum_now())


def presence_prune(*, max_age_seconds: int) -> int:
    """Forgets connections whose worker stopped heart-beating (killed worker); returns how many."""
    cutoff = pendulum_now() - timedelta(seconds=max_age_seconds)
    stale = list(GameConnection.objects.filter(seen_at__lt=cutoff).values_list("pk", "game_id"))
    if stale:
        with transaction.atomic():
            GameConnection.objects.filter(pk__in=[pk for pk, _ in stale]).delete()
            for game_id in {game_id for _, game_id in stale}:
                _sync_connected(game_id)
    return len(stale)


def presence_leave(*, channel_name: str) -> Any:
    """Forgets a connection; returns its game id (None when unknown)."""
    with transaction.atomic():
        row = GameConnection.objects.filter(channel_name=channel_name).first()
        if row is None:
            return None
        row.delete()
        _sync_connected(row.game_id)
        return row.game_id


def _sync_connected(game_id: Any) -> None:
    session, _ = GameSession.objects.get_or_create(game_id=game_id)
    users = GameConnection.objects.filter(game_id=game_id, user__isnull=False).values_list("user_id", flat=True)
    session.connected_users.set(set(users))
