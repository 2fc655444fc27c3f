"""Saved lineups in the lineup builder: keep a lineup vs RHP / vs LHP, load it in the next game, the one facing the
opposing starter offered first; the AI manager starts a team's saved lineup."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from games.errors import Forbidden, InvalidLineup
from games.models import Game, Lineup, SavedLineup
from games.selectors.lineups import LineupEntry, lineup_suggest
from games.selectors.saved_lineups import opposing_starter_kind, saved_lineup_fit
from games.services import game_create
from games.services.saved_lineups import saved_lineup_save
from games.tests.test_views import ai_game, lineup_data, manager, pd, selected_value, signed_in, teams
from leagues.models import League, Team
from players.models import Card

pytestmark = pytest.mark.django_db
__all__ = ["ai_game", "manager", "pd", "signed_in", "teams"]  # fixtures


def _reordered(data: dict[str, str]) -> dict[str, str]:
    """`data` with the first and last batters swapped (a lineup that is not the AI's suggestion)."""
    swapped = dict(data)
    for part in ("player", "position"):
        swapped[f"slot_1_{part}"], swapped[f"slot_9_{part}"] = data[f"slot_9_{part}"], data[f"slot_1_{part}"]
    return swapped


def _new_game(pd: League, mine: Team, theirs: Team, **kwargs: Any) -> Game:
    return game_create(league=pd, home_team=mine, away_team=theirs, cardsets=list(pd.cardsets.all()), **kwargs)


def test_a_kept_lineup_loads_in_the_next_game(signed_in: Client, ai_game: Game, pd: League, teams: tuple[Team, Team]):
    mine, theirs = teams
    assert opposing_starter_kind(game=ai_game, team=mine) == "vs_rhp"  # the AI's starter is set, right-handed
    page = signed_in.get(f"/games/{ai_game.pk}/lineup/").content.decode()
    assert selected_value(page, "remember") == "vs_rhp"
    assert "Their starter is right-handed: your lineup vs RHP." in page
    data = {**_reordered(lineup_data(ai_game, mine)), "remember": "vs_rhp"}
    assert signed_in.post(f"/games/{ai_game.pk}/lineup/", data).status_code == 302
    saved = SavedLineup.objects.get(team=mine, kind="vs_rhp")
    assert len(saved.entries) == 10

    later = _new_game(pd, mine, theirs, away_is_ai=True)
    page = signed_in.get(f"/games/{later.pk}/lineup/").content.decode()
    assert 'name="load" value="vs_rhp"' in page
    assert 'name="load" value="vs_lhp"' not in page
    loaded = signed_in.post(f"/games/{later.pk}/lineup/", {"team": mine.pk, "load": "vs_rhp"}).content.decode()
    for slot in range(1, 10):
        assert selected_value(loaded, f"slot_{slot}_player") == data[f"slot_{slot}_player"]
    assert "Your saved lineup." in loaded
    assert not Lineup.objects.filter(game=later, team=mine).exists()  # loading saves nothing


def test_a_saved_player_no_longer_on_the_roster_is_named(
    signed_in: Client, ai_game: Game, pd: League, teams: tuple[Team, Team]
):
    mine, theirs = teams
    signed_in.post(f"/games/{ai_game.pk}/lineup/", {**lineup_data(ai_game, mine), "remember": "vs_lhp"})
    leadoff = Lineup.objects.get(game=ai_game, team=mine, batting_order=1).player
    leadoff.team = theirs
    leadoff.save(update_fields=["team"])
    later = _new_game(pd, mine, theirs, away_is_ai=True)
    fit = saved_lineup_fit(game=later, team=mine, kind="vs_lhp")
    assert fit is not None
    assert fit.missing == [leadoff.name]
    response = signed_in.post(f"/games/{later.pk}/lineup/", {"team": mine.pk, "load": "vs_lhp"})
    assert f"without {leadoff.name}" in response.content.decode()
    nothing = signed_in.post(f"/games/{later.pk}/lineup/", {"team": mine.pk, "load": "vs_rhp"})
    assert "No such saved lineup" in nothing.content.decode()


def test_the_ai_manager_starts_the_team_s_saved_lineup(
    signed_in: Client, ai_game: Game, pd: League, teams: tuple[Team, Team], manager: Any
):
    mine, theirs = teams
    data = _reordered(lineup_data(ai_game, mine))
    entries = [
        LineupEntry(int(data[f"slot_{n}_player"].split(":")[0]), data[f"slot_{n}_position"], n) for n in range(1, 10)
    ]
    pitcher = int(data["pitcher"].split(":")[0])
    saved_lineup_save(team=mine, user=manager, kind="vs_rhp", entries=[*entries, LineupEntry(pitcher, "P", None)])
    game = game_create(league=pd, home_team=theirs, away_team=mine, away_is_ai=True, cardsets=list(pd.cardsets.all()))
    rows = Lineup.objects.filter(game=game, team=mine, is_starter=True)
    assert {(r.player_id, r.position, r.batting_order) for r in rows} == {
        (e.player_id, e.position, e.batting_order) for e in [*entries, LineupEntry(pitcher, "P", None)]
    }


def test_only_a_manager_keeps_a_lineup_of_his_own_players(teams: tuple[Team, Team], manager: Any, django_user_model):
    mine, theirs = teams
    stranger = django_user_model.objects.create_user("stranger")
    theirs_player = theirs.players.first()
    assert theirs_player is not None
    with pytest.raises(Forbidden):
        saved_lineup_save(team=mine, user=stranger, kind="vs_rhp", entries=[])
    with pytest.raises(InvalidLineup):
        saved_lineup_save(team=mine, user=manager, kind="vs_rhp", entries=[LineupEntry(theirs_player.pk, "C", 1)])
    with pytest.raises(InvalidLineup):
        saved_lineup_save(team=mine, user=manager, kind="vs_xyz", entries=[])
    assert not SavedLineup.objects.exists()


def test_before_the_opponent_sets_his_lineup_his_probable_starter_decides(pd: League, teams: tuple[Team, Team]):
    mine, theirs = teams
    game = _new_game(pd, mine, theirs)  # two managers: no lineup set yet
    probable = next(e for e in lineup_suggest(game=game, team=theirs) if e.position == "P")
    assert probable.card_id is not None
    hand = Card.objects.get(pk=probable.card_id).throw_hand
    assert opposing_starter_kind(game=game, team=mine) == ("vs_lhp" if hand == "L" else "vs_rhp")
