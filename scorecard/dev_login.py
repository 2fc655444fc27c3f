"""Sign in without Discord, for development and browser tests: exists only while DEBUG is on (404 otherwise).

It signs in demo managers only: a new or existing development user (no password, no Discord account), or the user
of a Discord id that no one holds yet or that is a team's GM id. Never staff, a superuser, a password account or
another Discord user."""

from __future__ import annotations

from allauth.socialaccount.models import SocialAccount
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.core.validators import RegexValidator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from leagues.models import Team
from leagues.selectors import team_list_with_gm
from scorecard.accounts import dev_login_user, display_name_for, user_for_discord_id

MAX_GM_TEAMS = 40


class DevLoginForm(forms.Form):
    username = forms.CharField(
        max_length=150,
        initial="demo",
        validators=[RegexValidator(r"^[\w.@+-]+\Z", "Letters, digits and @/./+/-/_ only.")],
    )
    discord_id = forms.CharField(
        required=False,
        label="Discord id (optional)",
        validators=[RegexValidator(r"^\d{1,20}\Z", "A Discord id is a number.")],
        help_text="Sign in as the user bound to this Discord id, as a real Discord login would.",
    )


def dev_login_refusal(*, username: str, discord_id: str) -> str:
    """Why the development sign-in may not sign in as this username / Discord id ("" when it may)."""
    User = get_user_model()
    if discord_id:
        user = user_for_discord_id(discord_id)
        if user is not None and not Team.objects.filter(gm_discord_id=discord_id).exists():
            return "That Discord id belongs to a user who is not a demo team's GM."
    else:
        user = User.objects.filter(username=username).first()
        if user is not None and SocialAccount.objects.filter(user=user).exists():
            return "That user signs in with Discord; use a demo team's GM button."
    if user is not None and (user.is_staff or user.is_superuser or user.has_usable_password()):
        return "The development sign-in never signs in staff, superusers or password accounts."
    return ""


@require_http_methods(["GET", "POST"])
def dev_login(request: HttpRequest) -> HttpResponse:
    """GET: the form, and a one-click sign-in as the GM of each team whose GM Discord id is known (the demo
    teams'), which goes through the Discord login hook like a real login. POST: sign in as
    ``dev_login_user(...)`` and go to ``next`` (a local URL) or home."""
    if not settings.DEBUG:
        raise Http404
    form = DevLoginForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        refusal = dev_login_refusal(username=form.cleaned_data["username"], discord_id=form.cleaned_data["discord_id"])
        if refusal:
            form.add_error(None, refusal)
    if request.method == "POST" and form.is_valid():
        user = dev_login_user(username=form.cleaned_data["username"], discord_id=form.cleaned_data["discord_id"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Signed in as {display_name_for(user)} (development sign-in).")
        safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
        return HttpResponseRedirect(next_url if safe else settings.LOGIN_REDIRECT_URL)
    context = {"form": form, "next": next_url, "gm_teams": team_list_with_gm()[:MAX_GM_TEAMS]}
    return render(request, "account/dev_login.html", context)
