"""The standing orders page: its team's managers only; a bad form saves nothing; saved orders show again."""

import pytest
from django.urls import reverse

from games.engine.enums import Position
from games.engine.orders import InfieldPolicy, StandingOrders, Tendency
from games.models import Lineup
from games.models import StandingOrders as StandingOrdersRow
from games.selectors.orders import standing_orders_of, team_fielders, team_pitchers, team_rotation
from games.services import game_create
from games.tests.live_helpers import load_two_teams
from games.tests.test_views import selected_value as selected

pytestmark = pytest.mark.django_db

FORM = {
    "infield": "never",
    "hold": "threats",
    "steal": "more",
    "bunt": "never",
    "hit_and_run": "normal",
    "intentional_walk": "less",
    "pinch_hit": "normal",
    "relieve_from_inning": "6",
    "closer": "",
    "left_specialist": "",
    "automatic": ["defense", "baserunning"],
}


@pytest.fixture
def team():
    return load_two_teams("pd").teams.order_by("abbreviation").first()


@pytest.fixture
def boss(client, django_user_model, team):
    user = django_user_model.objects.create_user("boss")
    team.managers.add(user)
    client.force_login(user)
    return user


def test_strangers_and_signed_out_visitors_are_refused(client, django_user_model, team):
    url = reverse("team_orders", args=[team.pk])
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(django_user_model.objects.create_user("stranger"))
    assert client.get(url).status_code == 403
    assert client.post(url, FORM).status_code == 403
    assert not StandingOrdersRow.objects.exists()
    assert client.get(reverse("team_orders", args=[999_999])).status_code == 404


def test_a_manager_saves_orders_and_sees_them_again(client, boss, team):
    url = reverse("team_orders", args=[team.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Standing orders: " + team.name.encode() in page.content
    closer = team_pitchers(team)[-1]
    response = client.post(url, {**FORM, "closer": str(closer.pk), "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == url  # a foreign next is ignored
    orders = standing_orders_of(team)
    assert orders.infield is InfieldPolicy.NEVER
    assert (orders.steal, orders.bunt, orders.relieve_from_inning) == (Tendency.MORE, Tendency.NEVER, 6)
    assert orders.closer == str(closer.pk)
    assert sorted(kind.value for kind in orders.automatic) == ["baserunning", "defense"]
    again = client.get(url).content.decode()
    assert f'<option value="{closer.pk}" selected>' in again
    assert '<input type="checkbox" name="automatic" value="defense" id="id_automatic_0" checked>' in again
    assert '<input type="checkbox" name="automatic" value="offense" id="id_automatic_1">' in again


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"steal": "always"}, "steal"),
        ({"relieve_from_inning": "12"}, "relieve_from_inning"),
        ({"automatic": ["pitching"]}, "automatic"),
        ({"closer": "123456789"}, "closer"),
    ],
)
def test_a_bad_form_is_shown_again_and_saves_nothing(client, boss, team, changes, field):
    response = client.post(reverse("team_orders", args=[team.pk]), {**FORM, **changes})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not StandingOrdersRow.objects.exists()
    assert standing_orders_of(team) == StandingOrders()


def test_the_closer_cannot_also_be_the_specialist(client, boss, team):
    pitcher = str(team_pitchers(team)[0].pk)
    response = client.post(
        reverse("team_orders", args=[team.pk]), {**FORM, "closer": pitcher, "left_specialist": pitcher}
    )
    assert response.status_code == 200
    assert "cannot also be" in str(response.context["form"].errors["left_specialist"])
    assert not StandingOrdersRow.objects.exists()


def test_the_depth_chart_is_saved_in_order(client, boss, team):
    first, second = team_fielders(team)[:2]
    url = reverse("team_orders", args=[team.pk])
    response = client.post(url, {**FORM, "depth_SS": str(second.pk), "depth_SS_2": str(first.pk)})
    assert response.status_code == 302
    assert standing_orders_of(team).backups(Position.SHORTSTOP) == (str(second.pk), str(first.pk))
    page = client.get(url).content.decode()
    assert f'<option value="{second.pk}" selected>' in page
    pitcher = team_pitchers(team)[0]
    refused = client.post(url, {**FORM, "depth_C": str(pitcher.pk)})
    assert refused.status_code == 200
    assert refused.context["form"].errors["depth_C"]
    assert standing_orders_of(team).backups(Position.SHORTSTOP) == (str(second.pk), str(first.pk))


def test_the_rotation_is_saved_in_order_and_the_ai_starts_its_first_rested_pitcher(client, boss, team):
    other = team.league.teams.exclude(pk=team.pk).first()

    def ai_starter() -> int:
        cardsets = list(team.league.cardsets.all())
        game = game_create(league=team.league, home_team=other, away_team=team, away_is_ai=True, cardsets=cardsets)
        return Lineup.objects.get(game=game, team=team, is_starter=True, position="P").player_id

    usual = ai_starter()
    first, second = [p for p in team_pitchers(team) if p.pk != usual][:2]
    url = reverse("team_orders", args=[team.pk])
    assert client.post(url, {**FORM, "rotation_1": str(first.pk), "rotation_2": str(second.pk)}).status_code == 302
    assert team_rotation(team) == [first.pk, second.pk]
    assert selected(client.get(url).content.decode(), "rotation_1") == str(first.pk)
    assert ai_starter() == first.pk
    twice = client.post(url, {**FORM, "rotation_1": str(second.pk), "rotation_2": str(second.pk)})
    assert twice.status_code == 200
    assert "at most once" in str(twice.context["form"].non_field_errors())
    assert team_rotation(team) == [first.pk, second.pk]
