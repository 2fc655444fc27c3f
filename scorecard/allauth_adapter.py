"""django-allauth adapters: Discord-derived usernames and display names, and the per-login Discord hook.

``SocialAccountAdapter.populate_user`` shapes a new user from the Discord profile (a unique username from the
Discord username, the display name from ``global_name``; no email). ``AccountAdapter.post_login`` runs after
every completed login and, when it was a Discord login, calls ``scorecard.accounts.record_discord_login``,
which refreshes the display name and calls ``on_discord_login(user, discord_id)``.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from scorecard.accounts import (
    DISCORD,
    discord_display_name,
    discord_id_for,
    record_discord_login,
    unique_username_for,
)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Local (password) signup only when LOGIN_METHODS includes "password"."""
        return "password" in settings.LOGIN_METHODS

    def post_login(self, request: HttpRequest, user: User, **kwargs: Any) -> HttpResponse:
        """Run the Discord login hook once the login is done, then answer as allauth does."""
        sociallogin = (kwargs.get("signal_kwargs") or {}).get("sociallogin")
        if isinstance(sociallogin, SocialLogin) and sociallogin.account.provider == DISCORD:
            record_discord_login(user, sociallogin.account.uid, sociallogin.account.extra_data)
        return super().post_login(request, user, **kwargs)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """One Discord account per user: connecting a second one to a signed-in user is refused."""
        if sociallogin.state.get("process") == AuthProcess.CONNECT and discord_id_for(request.user) is not None:
            messages.error(request, "Your Scorecard account is already bound to a Discord account.")
            raise ImmediateHttpResponse(HttpResponseRedirect(settings.LOGIN_REDIRECT_URL))

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        """A first Discord login always creates the user."""
        return True

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data: dict[str, Any]) -> Any:
        """A candidate user for a first Discord login: unique username, display name, no email."""
        user = sociallogin.user
        profile = sociallogin.account.extra_data
        user.username = unique_username_for(profile)
        user.first_name = discord_display_name(profile)
        user.last_name = ""
        user.email = ""
        return user
