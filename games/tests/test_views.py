"""The game pages before play: creating a game and the lineup builder (pytest-django's client)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import escape

from games.models import Game, GameStatus, Lineup
from games.selectors import lineup_suggest
from games.services import game_create
from games.tests.live_helpers import load_two_teams
from leagues.models import League, Team
from players.models import Player

pytestmark = pytest.mark.django_db


@pytest.fixture
def pd() -> League:
    return load_two_teams("pd")


@pytest.fixture
def teams(pd: League) -> tuple[Team, Team]:
    mine, theirs = pd.teams.order_by("abbreviation")[:2]
    return mine, theirs


@pytest.fixture
def manager(teams: tuple[Team, Team]) -> Any:
    user = get_user_model().objects.create_user("skipper")
    teams[0].managers.add(user)
    return user


@pytest.fixture
def signed_in(client: Client, manager: Any) -> Client:
    client.force_login(manager)
    return client


def slot_html(content: str, slot: int) -> str:
    """The HTML of lineup slot `slot` (its <li>)."""
    start = content.rindex("<li", 0, content.index(f'data-slot="{slot}"'))
    return content[start : content.index("</li>", start)]


def selected_value(html: str, name: str) -> str | None:
    """The selected option's value of select `name` in `html`."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, name
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(1))
    return chosen.group(1) if chosen else None


def lineup_data(game: Game, team: Team) -> dict[str, str]:
    """Form data for the AI's suggested lineup of `team`."""
    data = {"team": str(team.pk)}
    for entry in lineup_suggest(game=game, team=team):
        value = f"{entry.player_id}:{entry.card_id or ''}"
        if entry.batting_order is None:
            data["pitcher"] = value
        else:
            data[f"slot_{entry.batting_order}_player"] = value
            data[f"slot_{entry.batting_order}_position"] = entry.position
    return data


def new_game_data(league: League, mine: Team, opponent: Team, **extra: str) -> dict[str, str]:
    data = {
        "league": str(league.pk),
        "my_team": str(mine.pk),
        "opponent": str(opponent.pk),
        "opponent_control": "balanced",
        "mode": "friendly",
        "side": "home",
        "visibility": "public",
    }
    return {**data, **extra}


# -- creating a game -------------------------------------------------------------------------------------------


def test_new_game_needs_a_signed_in_user(client: Client) -> None:
    response = client.get("/games/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_new_game_form_offers_only_my_teams(signed_in: Client, teams: tuple[Team, Team]) -> None:
    mine, theirs = teams
    content = signed_in.get("/games/new/").content.decode()
    my_team_select = re.search(r'<select name="my_team".*?</select>', content, re.S)
    assert my_team_select is not None
    assert mine.name in my_team_select.group(0)
    assert theirs.name not in my_team_select.group(0)
    assert "AI · yolo" in content


def test_creating_a_game_against_the_ai_sets_the_ai_lineup(
    signed_in: Client, pd: League, teams: tuple[Team, Team]
) -> None:
    mine, theirs = teams
    response = signed_in.post("/games/new/", new_game_data(pd, mine, theirs, opponent_control="yolo", side="away"))
    game = Game.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/games/{game.pk}/lineup/?team={mine.pk}"
    assert (game.away_team, game.home_team, game.home_is_ai, game.away_is_ai) == (mine, theirs, True, False)
    assert game.ai_difficulty == "yolo"
    assert game.status == GameStatus.PENDING
    assert game.cardset_links.count() == pd.cardsets.count()
    # nine batters and the DH's pitcher start; the rest of the roster are reserves
    assert Lineup.objects.filter(game=game, team=theirs, is_starter=True).count() == 10
    assert not Lineup.objects.filter(game=game, team=mine).exists()


def test_creating_a_game_against_a_manager_sets_no_lineup(
    signed_in: Client, pd: League, teams: tuple[Team, Team]
) -> None:
    mine, theirs = teams
    signed_in.post("/games/new/", new_game_data(pd, mine, theirs, opponent_control="human", visibility="private"))
    game = Game.objects.get()
    assert (game.home_team, game.home_is_ai, game.away_is_ai, game.visibility) == (mine, False, False, "private")
    assert not Lineup.objects.filter(game=game).exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"my_team": "999999"}, "my_team", "Select a valid choice"),
        ({"opponent": "999999"}, "opponent", "Select a valid choice"),
        ({"my_team": "THEIRS"}, "my_team", "You do not manage"),
        ({"opponent": "MINE"}, "opponent", "A team cannot play itself"),
        ({"opponent_control": "genius"}, "opponent_control", "Select a valid choice"),
    ],
)
def test_a_bad_new_game_is_refused_with_a_clear_error_and_creates_nothing(
    signed_in: Client, pd: League, teams: tuple[Team, Team], change: dict[str, str], field: str, message: str
) -> None:
    mine, theirs = teams
    ids = {"MINE": str(mine.pk), "THEIRS": str(theirs.pk)}
    data = {**new_game_data(pd, mine, theirs), **{k: ids.get(v, v) for k, v in change.items()}}
    response = signed_in.post("/games/new/", data)
    assert response.status_code == 200
    content = response.content.decode()
    error = re.search(rf'id="id_{field}_error"[^>]*>([^<]*)<', content)
    assert error is not None
    assert message in error.group(1)
    assert not Game.objects.exists()


def test_a_team_of_another_league_is_refused(signed_in: Client, pd: League, teams: tuple[Team, Team]) -> None:
    sba = load_two_teams("sba")
    other = sba.teams.first()
    assert other is not None
    response = signed_in.post("/games/new/", new_game_data(pd, teams[0], other))
    assert f"{other.name} does not play in {pd.name}" in response.content.decode()
    assert not Game.objects.exists()


# -- the lineup builder ---------------------------------------------------------------------------------------


@pytest.fixture
def ai_game(pd: League, teams: tuple[Team, Team]) -> Game:
    mine, theirs = teams
    return game_create(league=pd, home_team=mine, away_team=theirs, away_is_ai=True, cardsets=list(pd.cardsets.all()))


def test_the_builder_lists_the_roster_with_key_ratings(
    signed_in: Client, ai_game: Game, teams: tuple[Team, Team]
) -> None:
    response = signed_in.get(f"/games/{ai_game.pk}/lineup/")
    assert response.status_code == 200
    content = response.content.decode()
    link = ai_game.roster_links.filter(team=teams[0], card__throw_hand="").select_related("card__player").first()
    assert link is not None
    row = content[content.index(f'<th scope="row">{link.card.player.name}</th>') :]
    row = row[: row.index("</tr>")]
    assert re.search(r"\.\d{3}/\.\d{3}", row), row  # on-base vs left / right
    assert re.search(r"(C|1B|2B|3B|SS|LF|CF|RF)&nbsp;\d<small>e\d+", row), row
    assert "Starting pitcher" in content
    assert f'href="/games/{ai_game.pk}/"' not in content  # nothing saved yet, so no "go to the game"
    assert 'name="suggest"' in content


def test_ai_suggest_fills_the_form_and_saves_nothing(
    signed_in: Client, ai_game: Game, teams: tuple[Team, Team]
) -> None:
    mine = teams[0]
    response = signed_in.post(f"/games/{ai_game.pk}/lineup/", {"team": mine.pk, "suggest": "1"})
    content = response.content.decode()
    expected = lineup_data(ai_game, mine)
    for slot in range(1, 10):
        assert selected_value(content, f"slot_{slot}_player") == expected[f"slot_{slot}_player"]
        assert selected_value(content, f"slot_{slot}_position") == expected[f"slot_{slot}_position"]
    assert selected_value(content, "pitcher") == expected["pitcher"]
    assert not Lineup.objects.filter(game=ai_game, team=mine).exists()


def test_an_invalid_lineup_shows_the_error_at_its_slot_and_saves_nothing(
    signed_in: Client, ai_game: Game, teams: tuple[Team, Team]
) -> None:
    mine = teams[0]
    data = lineup_data(ai_game, mine)
    data["slot_3_player"] = data["slot_1_player"]  # the same batter twice
    response = signed_in.post(f"/games/{ai_game.pk}/lineup/", data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "appears twice" in slot_html(content, 3)
    assert "has-error" in slot_html(content, 3)
    assert "has-error" not in slot_html(content, 2)
    assert not Lineup.objects.filter(game=ai_game, team=mine).exists()
    ai_game.refresh_from_db()
    assert ai_game.status == GameStatus.PENDING


def test_a_position_nobody_plays_is_listed_above_the_slots(
    signed_in: Client, ai_game: Game, teams: tuple[Team, Team]
) -> None:
    mine = teams[0]
    data = lineup_data(ai_game, mine)
    catcher = next(slot for slot in range(1, 10) if data[f"slot_{slot}_position"] == "C")
    shortstop = next(slot for slot in range(1, 10) if data[f"slot_{slot}_position"] == "SS")
    data[f"slot_{catcher}_position"] = "SS"
    response = signed_in.post(f"/games/{ai_game.pk}/lineup/", data)
    assert response.status_code == 400
    content = response.content.decode()
    summary = content[content.index('id="lineup-errors"') :]
    summary = summary[: summary.index("</div>")]
    assert "C: nobody plays it" in summary
    later, earlier = max(catcher, shortstop), min(catcher, shortstop)
    holder = Player.objects.get(pk=data[f"slot_{earlier}_player"].partition(":")[0]).name
    assert f"SS is already taken by {escape(holder)}" in slot_html(content, later)
    assert f'aria-describedby="slot-{later}-error"' in slot_html(content, later)
    assert not Lineup.objects.filter(game=ai_game, team=mine).exists()


def test_a_missing_pitcher_and_empty_slot_are_shown_at_their_fields(
    signed_in: Client, ai_game: Game, teams: tuple[Team, Team]
) -> None:
    mine = teams[0]
    data = lineup_data(ai_game, mine)
    del data["pitcher"]
    data["slot_5_player"] = ""
    response = signed_in.post(f"/games/{ai_game.pk}/lineup/", data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Choose a batter for this slot." in slot_html(content, 5)
    assert re.search(r'id="id_pitcher_error"[^>]*>Choose the starting pitcher', content)
    assert not Lineup.objects.filter(game=ai_game, team=mine).exists()


def test_a_valid_lineup_against_the_ai_starts_the_game(
    signed_in: Client, ai_game: Game, teams: tuple[Team, Team]
) -> None:
    mine = teams[0]
    response = signed_in.post(f"/games/{ai_game.pk}/lineup/", lineup_data(ai_game, mine))
    assert response.status_code == 302
    assert response["Location"] == f"/games/{ai_game.pk}/"
    ai_game.refresh_from_db()
    assert ai_game.status == GameStatus.ACTIVE
    assert Lineup.objects.filter(game=ai_game, team=mine, is_starter=True).count() == 10
    page = signed_in.get(response["Location"]).content.decode()
    assert "Lineup saved. Play ball!" in page
    # A started game's builder sends players to the game, saying why (the builder is never cached, so Back asks).
    assert signed_in.get(f"/games/{ai_game.pk}/lineup/")["Location"] == f"/games/{ai_game.pk}/"
    page = signed_in.get(f"/games/{ai_game.pk}/").content.decode()
    assert "The game has started, so its lineups are set." in page


def test_the_lineup_builder_is_never_cached(signed_in: Client, ai_game: Game) -> None:
    response = signed_in.get(f"/games/{ai_game.pk}/lineup/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_favicon_is_linked_and_served(signed_in: Client) -> None:
    page = signed_in.get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in page
    response = signed_in.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/favicon.svg")
    icon = signed_in.get("/static/favicon.svg")
    assert icon.status_code == 200
    icon.close()  # a file response holds its file open until closed


def test_the_first_lineup_of_two_managers_waits_for_the_other(
    signed_in: Client, pd: League, teams: tuple[Team, Team]
) -> None:
    mine, theirs = teams
    game = game_create(league=pd, home_team=theirs, away_team=mine, cardsets=list(pd.cardsets.all()))
    response = signed_in.post(f"/games/{game.pk}/lineup/", lineup_data(game, mine), follow=True)
    content = response.content.decode()
    assert "Waiting for the opponent&#x27;s lineup" in content
    assert f'href="/games/{game.pk}/"' in content
    game.refresh_from_db()
    assert game.status == GameStatus.PENDING
    assert Lineup.objects.filter(game=game, team=mine, is_starter=True).count() == 10
    # The saved lineup comes back into the form.
    saved = lineup_data(game, mine)
    assert selected_value(content, "slot_1_player") == saved["slot_1_player"]


def test_moving_a_batter_without_javascript_swaps_slots_and_saves_nothing(
    signed_in: Client, ai_game: Game, teams: tuple[Team, Team]
) -> None:
    mine = teams[0]
    data = lineup_data(ai_game, mine)
    response = signed_in.post(f"/games/{ai_game.pk}/lineup/", {**data, "move": "2:up"})
    content = response.content.decode()
    assert selected_value(content, "slot_1_player") == data["slot_2_player"]
    assert selected_value(content, "slot_2_player") == data["slot_1_player"]
    assert selected_value(content, "slot_1_position") == data["slot_2_position"]
    assert "has-error" not in content
    assert not Lineup.objects.filter(game=ai_game, team=mine).exists()


def test_without_the_dh_the_pitcher_bats_and_his_errors_show_at_his_slot(client: Client) -> None:
    sba = load_two_teams("sba")
    sba.dh = False
    sba.save(update_fields=["dh"])
    mine, theirs = sba.teams.order_by("abbreviation")[:2]
    user = get_user_model().objects.create_user("sba-skipper")
    mine.managers.add(user)
    client.force_login(user)
    game = game_create(league=sba, home_team=mine, away_team=theirs, away_is_ai=True)
    data = lineup_data(game, mine)
    assert "pitcher" not in data
    assert data["slot_9_position"] == "P"
    content = client.get(f"/games/{game.pk}/lineup/").content.decode()
    assert "Starting pitcher" not in content
    assert '<option value="P">P</option>' in content
    data["slot_9_player"] = data["slot_8_player"]
    response = client.post(f"/games/{game.pk}/lineup/", data)
    assert response.status_code == 400
    assert "appears twice" in slot_html(response.content.decode(), 9)
    assert not Lineup.objects.filter(game=game, team=mine).exists()


def test_the_builder_needs_a_signed_in_user(client: Client, ai_game: Game) -> None:
    response = client.get(f"/games/{ai_game.pk}/lineup/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_only_the_teams_managers_may_build_its_lineup(client: Client, ai_game: Game) -> None:
    client.force_login(get_user_model().objects.create_user("stranger"))
    assert client.get(f"/games/{ai_game.pk}/lineup/").status_code == 403
    data = lineup_data(ai_game, ai_game.home_team)
    assert client.post(f"/games/{ai_game.pk}/lineup/", data).status_code == 403
    assert not Lineup.objects.filter(game=ai_game, team=ai_game.home_team).exists()


def test_every_lobby_card_carries_its_date(client: Client) -> None:
    import pendulum

    from games.tests.factories import GameFactory

    GameFactory(status=GameStatus.COMPLETED, finished_at=pendulum.datetime(2026, 3, 4, 18, 30))
    content = client.get("/").content.decode()
    assert '<time class="game-date" datetime="2026-03-04T18:30:00+00:00">Ended Mar 4, 18:30</time>' in content


# -- out of position (RULES §12) --------------------------------------------------------------------------------


def _catcher_at_shortstop(data: dict[str, str]) -> tuple[dict[str, str], int, str]:
    """`data` with its catcher and shortstop trading positions; the catcher's slot and name."""
    catcher = next(slot for slot in range(1, 10) if data[f"slot_{slot}_position"] == "C")
    shortstop = next(slot for slot in range(1, 10) if data[f"slot_{slot}_position"] == "SS")
    swapped = {**data, f"slot_{catcher}_position": "SS", f"slot_{shortstop}_position": "C"}
    name = Player.objects.get(pk=data[f"slot_{catcher}_player"].partition(":")[0]).name
    return swapped, catcher, name


def test_the_builder_warns_of_a_player_out_of_position_with_the_ratings_he_plays_it_with(
    signed_in: Client, pd: League, teams: tuple[Team, Team]
) -> None:
    mine, theirs = teams
    game = game_create(league=pd, home_team=theirs, away_team=mine, cardsets=list(pd.cardsets.all()))
    clean = signed_in.get(f"/games/{game.pk}/lineup/").content.decode()
    assert 'id="lineup-warnings"' not in clean
    data, slot, name = _catcher_at_shortstop(lineup_data(game, mine))
    content = signed_in.post(f"/games/{game.pk}/lineup/", data, follow=True).content.decode()
    assert Lineup.objects.filter(game=game, team=mine, is_starter=True, position="SS").get().player.name == name
    warnings = content[content.index('id="lineup-warnings"') :]
    warnings = warnings[: warnings.index("</div>")]
    assert f"Batter {slot}: {escape(name)} plays SS out of position: range 5, error 88, arm 0" in warnings
    assert "plays C out of position" in warnings  # the shortstop behind the plate, too


def test_a_lineup_out_of_position_against_the_ai_starts_and_the_game_page_repeats_the_warning(
    signed_in: Client, ai_game: Game, teams: tuple[Team, Team]
) -> None:
    data, slot, name = _catcher_at_shortstop(lineup_data(ai_game, teams[0]))
    response = signed_in.post(f"/games/{ai_game.pk}/lineup/", data, follow=True)
    ai_game.refresh_from_db()
    assert ai_game.status == GameStatus.ACTIVE
    assert f"Batter {slot}: {escape(name)} plays SS out of position" in response.content.decode()


def test_a_league_without_out_of_position_refuses_it_at_the_slot(
    signed_in: Client, pd: League, ai_game: Game, teams: tuple[Team, Team]
) -> None:
    League.objects.filter(pk=pd.pk).update(out_of_position=False)
    data, slot, name = _catcher_at_shortstop(lineup_data(ai_game, teams[0]))
    response = signed_in.post(f"/games/{ai_game.pk}/lineup/", data)
    assert response.status_code == 400
    expected = f"{escape(name)} has no SS rating, and this league does not play anyone out of position"
    assert expected in slot_html(response.content.decode(), slot)
    assert not Lineup.objects.filter(game=ai_game, team=teams[0]).exists()
