"""One log line per refused request: Django's `django.request` records of 4xx answers (403s carry a traceback)
become a single structlog line with the request id, method, path and user; 5xx records pass unchanged."""

from __future__ import annotations

import logging
from typing import Any

import structlog

log = structlog.get_logger("scorecard.request")
REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"


def request_fields(request: Any) -> dict[str, Any]:
    """What identifies a request in a log line: its id (the proxy's X-Request-ID), method, path and user."""
    if request is None:
        return {}
    meta = getattr(request, "META", {})
    user = getattr(request, "user", None)
    return {
        "request_id": meta.get(REQUEST_ID_HEADER, "")[:64] or None,
        "method": getattr(request, "method", None),
        "path": getattr(request, "path", "")[:200],
        "user_id": getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None,
    }


class OneLineRefusals(logging.Filter):
    """Drops a 4xx record of `django.request` after logging it again as one line (no traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not isinstance(status, int) or not 400 <= status < 500:
            return True
        fields = request_fields(getattr(record, "request", None))
        (log.info if status == 404 else log.warning)("http.refused", status=status, **fields)
        return False
