import pytest
from django.test import Client
from django.urls import reverse

from leagues.league_api.records import LeagueCode
from leagues.models import Series
from leagues.schedule import schedule_generate
from leagues.services import commissioner_add

from .factories import LeagueFactory, SeasonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _season(code: LeagueCode) -> list[Series]:
    season = SeasonFactory(league=LeagueFactory(code=code))
    return schedule_generate(season=season, teams=[TeamFactory(league=season.league) for _ in range(2)])


def test_a_commissioner_sees_and_edits_only_their_leagues_schedule(client: Client) -> None:
    (pd_series,) = _season(LeagueCode.PD)
    (sba_series,) = _season(LeagueCode.SBA)
    user = UserFactory()
    commissioner_add(user=user, league=pd_series.season.league)
    client.force_login(user)
    listed = client.get(reverse("admin:leagues_series_changelist")).context["cl"].result_list
    assert list(listed) == [pd_series]
    page = client.get(reverse("admin:leagues_series_change", args=[pd_series.pk]))
    assert page.status_code == 200
    assert b"Game number in the series" in page.content or b"game number in the series" in page.content.lower()
    assert client.get(reverse("admin:leagues_series_change", args=[sba_series.pk])).status_code in (302, 403, 404)
    add = client.get(reverse("admin:leagues_series_add"))
    seasons = list(add.context["adminform"].form.fields["season"].queryset)
    assert seasons == [pd_series.season]
    games = client.get(reverse("admin:leagues_scheduledgame_changelist")).context["cl"].result_list
    assert {game.series_id for game in games} == {pd_series.pk}


def test_a_commissioner_moves_the_season_on_a_week(client: Client) -> None:
    (series,) = _season(LeagueCode.PD)
    (other,) = _season(LeagueCode.SBA)
    user = UserFactory()
    commissioner_add(user=user, league=series.season.league)
    client.force_login(user)
    url = reverse("admin:leagues_season_changelist")
    seasons = [series.season.pk, other.season.pk]
    response = client.post(url, {"action": "advance_week", "_selected_action": seasons}, follow=True)
    assert response.status_code == 200
    series.season.refresh_from_db()
    other.season.refresh_from_db()
    assert (series.season.current_week, other.season.current_week) == (2, 1)  # the other league's is untouched
