"""System checks for the project's own settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def discord_app_configured(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Without a Discord app nobody but staff (admin login) can sign in."""
    app = settings.SOCIALACCOUNT_PROVIDERS["discord"]["APPS"][0]
    if app["client_id"] and app["secret"]:
        return []
    return [
        Warning(
            "DISCORD_CLIENT_ID or DISCORD_CLIENT_SECRET is not set: players cannot sign in.",
            hint="Create an application at https://discord.com/developers/applications with the redirect URL "
            "https://<host>/accounts/discord/login/callback/ and set both variables.",
            id="scorecard.W001",
        )
    ]
