"""`Authorization: Token <key>` authentication against hashed ApiToken keys."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from api.client_ip import request_client_ip
from api.models import ApiToken, hash_key

LAST_USED_RESOLUTION_SECONDS = 60


class TokenFailures:
    """Failed token authentications of the request's client IP in the current window (API_THROTTLE_CACHE);
    at `API_THROTTLE_TOKEN_FAILURES` ("20/min") more attempts are refused with a 429 and Retry-After."""

    def __init__(self, request: Request) -> None:
        count, period = settings.API_THROTTLE_TOKEN_FAILURES.split("/")
        self.limit = int(count)
        self.period = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]
        now = time.time()
        window = int(now // self.period)
        self.wait = (window + 1) * self.period - now
        self.key = f"api:token-failures:{request_client_ip(request)}:{window}"
        self.cache = caches[settings.API_THROTTLE_CACHE]

    def refuse_if_over(self) -> None:
        if int(self.cache.get(self.key, 0)) >= self.limit:
            raise exceptions.Throttled(wait=self.wait, detail="Too many failed token authentications.")

    def record(self) -> None:
        if self.cache.add(self.key, 1, timeout=self.period + 1):
            return
        try:
            self.cache.incr(self.key)
        except ValueError:  # expired between add and incr
            self.cache.add(self.key, 1, timeout=self.period + 1)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Sets `request.user` to the token's user and `request.auth` to the ApiToken; revoked keys and inactive users
    are refused."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            TokenFailures(request).record()
            raise exceptions.AuthenticationFailed("Invalid token header: expected 'Token <key>'.")
        try:
            key = parts[1].decode()
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("Invalid token.") from exc
        failures = TokenFailures(request)
        failures.refuse_if_over()
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_key(key), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            failures.record()
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Token <key>"}
