"""Which sign-in methods exist: Discord only by default (staff keep the admin login), passwords only on request."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
User = get_user_model()

LOCAL_ACCOUNT_URLS = [
    "/accounts/signup/",
    "/accounts/password/change/",
    "/accounts/password/set/",
    "/accounts/password/reset/",
    "/accounts/email/",
    "/accounts/reauthenticate/",
    "/accounts/login/code/confirm/",
]


def _urls_with(**env: str) -> subprocess.CompletedProcess[str]:
    """Which local-account routes exist in a fresh process started with ``env``."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "LOGIN_METHODS"}}
    probe = (
        "from django.conf import settings; from django.urls import NoReverseMatch, reverse\n"
        "def exists(name):\n"
        "    try:\n"
        "        return bool(reverse(name))\n"
        "    except NoReverseMatch:\n"
        "        return False\n"
        "print(settings.SOCIALACCOUNT_ONLY, exists('account_signup'), exists('account_reset_password'))"
    )
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity=0", "-c", probe],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_discord_only_is_the_default() -> None:
    assert sorted(settings.LOGIN_METHODS) == ["discord"]
    assert settings.SOCIALACCOUNT_ONLY


@pytest.mark.django_db
@pytest.mark.parametrize("url", LOCAL_ACCOUNT_URLS)
def test_local_account_pages_do_not_exist(client: Client, url: str) -> None:
    assert client.get(url).status_code == 404
    assert client.post(url, {"username": "x", "password1": "pw-0192-x", "password2": "pw-0192-x"}).status_code == 404
    assert not User.objects.exists()


@pytest.mark.django_db
def test_password_login_is_refused(client: Client) -> None:
    User.objects.create_user(username="player", password="correct-horse-0192")
    response = client.post("/accounts/login/", {"login": "player", "password": "correct-horse-0192"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_staff_keep_the_admin_login(client: Client) -> None:
    staff = User.objects.create_user(username="commish", password="correct-horse-0192", is_staff=True)
    response = client.post("/admin/login/?next=/admin/", {"username": "commish", "password": "correct-horse-0192"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_production_is_discord_only() -> None:
    result = _urls_with(DEBUG="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "False"]


def test_password_login_can_be_enabled() -> None:
    result = _urls_with(LOGIN_METHODS="discord,password")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]


def test_unknown_login_methods_stop_startup() -> None:
    result = _urls_with(LOGIN_METHODS="discord,telepathy")
    assert result.returncode != 0
    assert "LOGIN_METHODS must be" in result.stderr
