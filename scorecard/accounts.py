"""Users and their Discord identities.

A Discord account is bound to a user by its stable Discord id (the ``uid`` of allauth's ``SocialAccount`` with
provider ``"discord"``), never by username or email. The user's display name lives in ``User.first_name`` and
is refreshed from Discord (``global_name``, else ``username``) on every Discord login.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from allauth.socialaccount.models import SocialAccount
from allauth.utils import generate_unique_username
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db import transaction

from leagues.services import team_managers_link_discord

DISCORD = "discord"
DISPLAY_NAME_MAX_LENGTH = 150


def discord_id_for(user: AuthUser | AnonymousUser) -> str | None:
    """The Discord id bound to ``user``, or None (anonymous users and users without a Discord account)."""
    if not user.is_authenticated:
        return None
    return SocialAccount.objects.filter(provider=DISCORD, user_id=user.pk).values_list("uid", flat=True).first()


def user_for_discord_id(discord_id: str) -> AuthUser | None:
    """The user bound to ``discord_id``, or None."""
    account = SocialAccount.objects.filter(provider=DISCORD, uid=discord_id).select_related("user").first()
    return account.user if account else None


def display_name_for(user: AuthUser) -> str:
    """The name shown for ``user``: the Discord display name when known, else the username."""
    return getattr(user, "first_name", "") or user.get_username()


def discord_display_name(profile: Mapping[str, Any]) -> str:
    """The display name in a Discord ``/users/@me`` profile: ``global_name``, else ``username``."""
    name = profile.get("global_name") or profile.get("username") or ""
    return str(name)[:DISPLAY_NAME_MAX_LENGTH]


def unique_username_for(profile: Mapping[str, Any]) -> str:
    """A free local username derived from the Discord ``username`` (else ``global_name``), suffixed if taken."""
    return generate_unique_username([profile.get("username"), profile.get("global_name"), "player"])


def record_discord_login(user: AuthUser, discord_id: str, profile: Mapping[str, Any]) -> None:
    """After a successful Discord login: refresh the display name from ``profile``, then run ``on_discord_login``."""
    display_name = discord_display_name(profile)
    if display_name and getattr(user, "first_name", None) != display_name:
        user.first_name = display_name
        user.save(update_fields=["first_name"])
    on_discord_login(user, discord_id)


def on_discord_login(user: AuthUser, discord_id: str) -> None:
    """Run after every Discord login (real or dev), once the user is bound to ``discord_id``: the user becomes a
    manager of every team whose GM Discord id (``Team.gm_discord_id`` / ``gm2_discord_id``, set on import or in
    the admin) is ``discord_id``. Idempotent; never binds by username or email."""
    team_managers_link_discord(user=user, discord_id=discord_id)


@transaction.atomic
def dev_login_user(*, username: str, discord_id: str = "") -> AuthUser:
    """The user a DEBUG-only dev login signs in as.

    With ``discord_id``: the user bound to it, else a new user ``username`` (de-duplicated) bound to it, and
    ``on_discord_login`` runs as for a real Discord login. Without: the user named ``username``, created
    (without a usable password) when missing.
    """
    User = get_user_model()
    if not discord_id:
        return User.objects.filter(username=username).first() or User.objects.create_user(username=username)
    user = user_for_discord_id(discord_id)
    if user is None:
        profile = {"id": discord_id, "username": username, "global_name": None}
        user = User.objects.create_user(username=unique_username_for(profile), first_name=username)
        SocialAccount.objects.create(user=user, provider=DISCORD, uid=discord_id, extra_data=profile)
    on_discord_login(user, discord_id)
    return user
