"""Messages to the outside world (league results API, Discord webhooks), written in the same transaction as the
state change that causes them and delivered later by `deliver_outbox`."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from games.models import Game
from leagues.models import League, Team
from scorecard.clock import pendulum_now


class OutboxKind(models.TextChoices):
    GAME_RESULT = "game_result"
    YOUR_TURN = "your_turn"
    GAME_FINISHED = "game_finished"
    LEAGUE_RESULT = "league_result"


class OutboxStatus(models.TextChoices):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed", "failed (will retry)"
    DEAD = "dead", "dead (gave up)"


class OutboxMessage(models.Model):
    """One message to POST once to `url`. `key` is unique and sent as the Idempotency-Key header.

    A `league_result` is a sequence of requests to the league API rooted at `url` (`payload["steps"]`: each
    `{method, path, query?, body?}`), sent in order, each once: `steps_done` counts those the API accepted, and
    each step's Idempotency-Key is `<key>:<step number>`."""

    kind = models.CharField(max_length=16, choices=OutboxKind.choices)
    key = models.CharField(max_length=200, unique=True)
    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="outbox_messages")
    game = models.ForeignKey(Game, on_delete=models.CASCADE, null=True, blank=True, related_name="outbox_messages")
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="outbox_messages", help_text="recipient"
    )
    url = models.URLField(max_length=500, help_text="the endpoint or webhook it goes to")
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="failed tries of the current step")
    steps_done = models.PositiveSmallIntegerField(default=0, help_text="requests of a league_result accepted")
    next_attempt_at = models.DateTimeField(default=pendulum_now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=pendulum_now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "failed"]),
                name="outbox_due",
            ),
            models.Index(fields=["league", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
