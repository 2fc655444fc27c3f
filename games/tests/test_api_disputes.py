"""The disputes API: the marked play in the plays list, the opposing manager's dispute, the commissioner's list,
correction and dismissal (session or a token scoped to the league), once; refusals are JSON 400/403/404/409."""

from __future__ import annotations

import pytest

from api.services import api_token_create
from games.models import DisputeStatus, Play
from games.tests.live_helpers import enter_against_the_card, manager
from leagues.tests.factories import LeagueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(monkeypatch):
    return enter_against_the_card(monkeypatch)


def _raise(api_client, case, user=None, play=None):
    api_client.force_authenticate(user or case.opponent)
    url = f"/api/games/{case.game.pk}/disputes/"
    return api_client.post(url, {"play": play or case.play.play_number, "reason": "wrong"}, format="json")


def test_the_plays_list_marks_a_result_entered_against_the_card(api_client, case):
    response = api_client.get(f"/api/games/{case.game.pk}/plays/", {"page_size": 200})
    assert response.status_code == 200
    plays = {p["play_number"]: p for p in response.json()["results"]}
    marked = plays[case.play.play_number]["mismatch"]
    assert marked["entered"] == case.play.hit_type
    assert marked["text"].startswith(f"entered {case.play.hit_type}; card reads ")
    assert (
        sum(1 for p in plays.values() if p["mismatch"])
        == Play.objects.filter(game=case.game).exclude(mismatch={}).count()
    )


def test_the_opposing_manager_disputes_and_the_commissioner_corrects_once(api_client, case):
    response = _raise(api_client, case)
    assert response.status_code == 201, response.json()
    dispute = response.json()
    assert (dispute["status"], dispute["play"], dispute["entered"]) == (
        "open",
        case.play.play_number,
        case.play.hit_type,
    )
    assert _raise(api_client, case).status_code == 409

    api_client.force_authenticate(case.commissioner)
    listed = api_client.get("/api/disputes/", {"status": "open"})
    assert [d["id"] for d in listed.json()] == [dispute["id"]]
    card = case.card
    body = {"outcome": card.outcome.value, "fielder": card.fielder.value if card.fielder else None, "reason": "card"}
    corrected = api_client.post(f"/api/disputes/{dispute['id']}/correct/", body, format="json")
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["status"] == DisputeStatus.CORRECTED
    assert Play.objects.get(game=case.game, play_number=case.play.play_number).hit_type != case.play.hit_type
    again = api_client.post(f"/api/disputes/{dispute['id']}/dismiss/", {"reason": "again"}, format="json")
    assert again.status_code == 409
    assert "already corrected" in again.json()["detail"]
    assert api_client.get("/api/disputes/", {"status": "open"}).json() == []


def test_refusals_are_json(api_client, case):
    assert _raise(api_client, case, user=case.entered_by).status_code == 403
    assert _raise(api_client, case, play=99_999).status_code == 409
    api_client.force_authenticate(case.opponent)
    bad = api_client.post(f"/api/games/{case.game.pk}/disputes/", {"play": "three"}, format="json")
    assert bad.status_code == 400
    assert "play" in bad.json()
    dispute = _raise(api_client, case).json()

    for user in (case.opponent, case.entered_by):  # managers do not resolve
        api_client.force_authenticate(user)
        assert api_client.get("/api/disputes/").status_code == 403
        refused = api_client.post(f"/api/disputes/{dispute['id']}/dismiss/", {"reason": "no"}, format="json")
        assert refused.status_code == 403
    api_client.force_authenticate(None)
    assert api_client.get("/api/disputes/").status_code in (401, 403)

    api_client.force_authenticate(case.commissioner)
    url = f"/api/disputes/{dispute['id']}/correct/"
    for body, field in (
        ({"outcome": "NOPE", "reason": "x"}, "outcome"),
        ({"outcome": "WALK"}, "reason"),
        ({"outcome": "GROUNDBALL_A", "reason": "x"}, "detail"),  # the card prints a fielder with a groundball
        ({"outcome": "WALK", "fielder": "ZZ", "reason": "x"}, "fielder"),
    ):
        response = api_client.post(url, body, format="json")
        assert response.status_code == 400, body
        assert field in response.json()
    assert api_client.post("/api/disputes/999999/dismiss/", {"reason": "x"}, format="json").status_code == 404
    assert api_client.get(f"/api/games/{case.game.pk}/disputes/").json()[0]["status"] == "open"


def test_a_token_scoped_to_the_league_resolves_as_its_commissioner_and_no_other(api_client, case):
    dispute = _raise(api_client, case).json()
    api_client.force_authenticate(None)
    _, other_key = api_token_create(name="other", user=case.commissioner, league=LeagueFactory(code="pd"))
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {other_key}")
    refused = api_client.post(f"/api/disputes/{dispute['id']}/dismiss/", {"reason": "x"}, format="json")
    assert refused.status_code == 403
    stranger = manager(case.game, "away", "tool-owner")
    case.game.away_team.managers.remove(stranger)
    _, stranger_key = api_token_create(name="not a commissioner", user=stranger, league=case.game.league)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {stranger_key}")
    assert api_client.post(f"/api/disputes/{dispute['id']}/dismiss/", {"reason": "x"}, format="json").status_code == 403
    _, key = api_token_create(name="league tool", user=case.commissioner, league=case.game.league)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert [d["id"] for d in api_client.get("/api/disputes/").json()] == [dispute["id"]]
    done = api_client.post(f"/api/disputes/{dispute['id']}/dismiss/", {"reason": "the image shows it"}, format="json")
    assert done.status_code == 200
    assert done.json()["status"] == "dismissed"
