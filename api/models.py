"""API tokens for bots and league tools: only a hash of the key is stored; the plain key is shown once."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

from leagues.models import League
from scorecard.clock import pendulum_now

KEY_PREFIX_LENGTH = 8


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return secrets.token_urlsafe(32)


class ApiToken(models.Model):
    """A named key acting as `user`. With `league` set it is a league tool: it may schedule games and set lineups in
    that league and write nowhere else."""

    name = models.CharField(max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    league = models.ForeignKey(
        League, on_delete=models.CASCADE, null=True, blank=True, related_name="api_tokens", help_text="league scope"
    )
    key_prefix = models.CharField(max_length=KEY_PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=pendulum_now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
