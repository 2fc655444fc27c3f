"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest


def login_options(request: HttpRequest) -> dict[str, bool]:
    """``dev_login_enabled``: whether /accounts/dev-login/ exists (DEBUG only)."""
    return {"dev_login_enabled": settings.DEBUG}
