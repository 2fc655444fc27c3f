"""Rate limits kept in the cache named by `API_THROTTLE_CACHE` (Redis when REDIS_URL is set), so every process
shares the counts. Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import caches
from rest_framework import throttling
from rest_framework.settings import api_settings


class _SharedCache:
    def __get__(self, instance: Any, owner: Any) -> Any:
        return caches[settings.API_THROTTLE_CACHE]


class _CurrentRates:
    """Read at each request, so changed settings (tests, reloads) apply."""

    def __get__(self, instance: Any, owner: Any) -> Any:
        return api_settings.DEFAULT_THROTTLE_RATES


class AnonThrottle(throttling.AnonRateThrottle):
    cache = _SharedCache()
    THROTTLE_RATES = _CurrentRates()


class UserThrottle(throttling.UserRateThrottle):
    cache = _SharedCache()
    THROTTLE_RATES = _CurrentRates()
