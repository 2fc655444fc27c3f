"""Sign in without Discord, for development and browser tests: exists only while DEBUG is on (404 otherwise)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.validators import RegexValidator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from leagues.selectors import team_list_with_gm
from scorecard.accounts import dev_login_user, display_name_for

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
        user = dev_login_user(username=form.cleaned_data["username"], discord_id=form.cleaned_data["discord_id"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Signed in as {display_name_for(user)} (development sign-in).")
        safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
        return HttpResponseRedirect(next_url if safe else settings.LOGIN_REDIRECT_URL)
    context = {"form": form, "next": next_url, "gm_teams": team_list_with_gm()[:MAX_GM_TEAMS]}
    return render(request, "account/dev_login.html", context)
