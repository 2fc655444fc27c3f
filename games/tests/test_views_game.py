"""The game page and its endpoints over HTTP: access rules, the embedded JSON, events, box score and log."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from games import engine
from games.engine import gamelog
from games.engine.answers import timeout_action
from games.engine.serialize import action_to_dict
from games.engine.state import PendingRoll
from games.models import GameStatus, Play, Visibility
from games.selectors import PLAY_COLUMNS
from games.selectors.page import page_vocabulary
from games.services import game_apply_action
from games.setup import game_setup
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body, play_to_end

pytestmark = pytest.mark.django_db


def _config(response):
    html = response.content.decode()
    start = html.index('<script id="game-config" type="application/json">') + len(
        '<script id="game-config" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_a_public_game_page_embeds_what_the_page_needs(client):
    game = demo_game(home_is_ai=True)
    response = client.get(f"/games/{game.pk}/")
    assert response.status_code == 200
    assert "games/game.html" in [t.name for t in response.templates]
    config = _config(response)
    assert config["role"] == "spectator"
    assert config["sides"] == []
    assert config["league"]["code"] == "pd"
    assert config["ws_path"] == f"/ws/games/{game.pk}/"
    assert config["teams"]["home"]["ai"] is True
    assert config["urls"]["events"] == f"/games/{game.pk}/events.json"
    rows = game.lineups.all()
    assert set(config["players"]) == {str(row.pk) for row in rows}
    starters = [p for p in config["players"].values() if p["starter"]]
    assert {p["side"] for p in starters} == {"away", "home"}
    batter = next(p for p in starters if p["position"] == "SS")
    assert [column["total"] for column in batter["batting"]["columns"]] == [108, 108]
    pitcher = next(p for p in starters if p["position"] == "P")
    assert pitcher["pitching"]["kind"] == "pitching"
    assert pitcher["throws"] in ("L", "R")
    assert "INTENTIONAL_WALK" not in config["outcomes"]
    assert "DH" not in config["fielders"]


def test_the_page_config_carries_the_servers_vocabularies(client):
    config = _config(client.get(f"/games/{demo_game(home_is_ai=True).pk}/"))
    vocabulary = config["vocabulary"]
    assert vocabulary["statuses"] == {
        "PENDING": "pending",
        "ACTIVE": "active",
        "COMPLETED": "completed",
        "FORFEITED": "forfeited",
        "ABANDONED": "abandoned",
    }
    assert vocabulary["finished_statuses"] == ["completed", "forfeited", "abandoned"]
    assert vocabulary["dispute_statuses"] == {"OPEN": "open", "CORRECTED": "corrected", "DISMISSED": "dismissed"}
    assert vocabulary["phases"] == {phase.name: phase.value for phase in engine.Phase}
    assert vocabulary["phases"]["GAME_OVER"] == "game_over"
    assert vocabulary["halves"] == {"TOP": "top", "BOTTOM": "bottom"}
    assert vocabulary["positions"] == {position.name: position.value for position in engine.Position}
    assert vocabulary["positions"]["FIRST_BASE"] == "1B"
    assert vocabulary["hands"] == {"LEFT": "L", "RIGHT": "R", "SWITCH": "S"}
    assert vocabulary["infield_depths"] == {"NORMAL": "normal", "IN": "in", "CORNERS_IN": "corners_in"}
    assert vocabulary["league_codes"] == {"PD": "pd", "SBA": "sba"}
    assert vocabulary["resolution_modes"] == {"AUTO": "auto", "MANUAL": "manual"}
    assert config["fielders"] == ["P", "C", "1B", "2B", "3B", "SS", "LF", "CF", "RF"]


def test_the_game_scripts_keep_no_copy_of_the_vocabularies():
    """The scripts compare against `config.vocabulary` (static/js/game_vocab.js), not their own string copies."""
    vocabulary = page_vocabulary()
    copies = {
        *vocabulary["statuses"].values(),
        vocabulary["phases"]["GAME_OVER"],
        *vocabulary["halves"].values(),
        *vocabulary["positions"].values(),
        *vocabulary["infield_depths"].values(),
        *vocabulary["league_codes"].values(),
        *vocabulary["resolution_modes"].values(),
        # "open" is also the WebSocket's event name (game_socket.js); the other dispute statuses are checked.
        *(status for status in vocabulary["dispute_statuses"].values() if status != "open"),
    }
    scripts = sorted((settings.BASE_DIR / "static" / "js").glob("*.js"))
    assert len(scripts) > 10
    found = {
        (script.name, value)
        for script in scripts
        for value in copies
        if re.search(rf"[\"'`]{re.escape(value)}[\"'`]", script.read_text())
    }
    assert found == set()


def test_the_manager_sees_their_role(client):
    game = demo_game(home_is_ai=True)
    client.force_login(manager(game, "away"))
    config = _config(client.get(f"/games/{game.pk}/"))
    assert config["role"] == "away"
    assert config["sides"] == ["away"]


def test_a_private_game_is_403_for_others_and_an_unknown_game_404(client):
    game = demo_game(visibility=Visibility.PRIVATE)
    for path in ("", "events.json", "box.json", "log.txt"):
        assert client.get(f"/games/{game.pk}/{path}").status_code == 403
        assert client.get(f"/games/{uuid.uuid4()}/{path}").status_code == 404
    client.force_login(get_user_model().objects.create_user("stranger"))
    assert client.get(f"/games/{game.pk}/").status_code == 403
    client.force_login(manager(game, "home"))
    assert client.get(f"/games/{game.pk}/").status_code == 200


def test_events_json_is_what_the_socket_sends_with_the_ai_reasons_and_win_probability(client):
    game = demo_game(home_is_ai=True)
    away = manager(game, "away")
    play_to_end(game, {engine.Side.AWAY: away})
    game.refresh_from_db()
    data = client.get(f"/games/{game.pk}/events.json").json()
    events = data["events"]
    assert data["version"] == game.version
    assert [e["version"] for e in events] == list(range(1, game.version + 1))
    plays = [p for e in events for p in e["plays"]]
    assert [p["description"] for p in plays] == list(
        Play.objects.filter(game=game).order_by("play_number").values_list("description", flat=True)
    )
    assert any(e["action"]["source"] == "ai" and e["action"]["reason"] for e in events)
    assert all(0 <= e["win_probability"] <= 1 for e in events)
    assert events[-1]["win_probability"] == (1.0 if game.home_score > game.away_score else 0.0)
    assert events[-1]["pending"] is None
    assert all("pending" not in e for e in events[:-1])
    window = client.get(f"/games/{game.pk}/events.json?after=3&upto=5").json()["events"]
    assert [e["version"] for e in window] == [4, 5]
    for bad in ("after=x", "after=-1", "upto=1.5"):
        assert client.get(f"/games/{game.pk}/events.json?{bad}").status_code == 400


def test_a_spectator_does_not_see_hidden_decision_bodies(client):
    game = demo_game(home_is_ai=True)
    away = manager(game, "away")
    play_to_end(game, {engine.Side.AWAY: away})
    spectator = client.get(f"/games/{game.pk}/events.json").json()["events"]
    assert all("body" not in e["action"] for e in spectator if e["action"]["kind"] in ("defense", "offense"))
    client.force_login(away)
    own = client.get(f"/games/{game.pk}/events.json").json()["events"]
    assert any("body" in e["action"] for e in own if e["action"]["kind"] == "offense" and e["action"]["side"] == "away")


def test_box_json_matches_the_game_row(client):
    game = demo_game(home_is_ai=True)
    play_to_end(game, {engine.Side.AWAY: manager(game, "away")})
    game.refresh_from_db()
    box = client.get(f"/games/{game.pk}/box.json").json()
    assert box["status"] == GameStatus.COMPLETED
    assert box["teams"]["away"]["line"]["runs"] == game.away_score
    assert box["teams"]["home"]["line"]["runs"] == game.home_score
    away_hits = sum(Play.objects.filter(game=game, half="top").values_list("hit", flat=True))
    assert box["teams"]["away"]["line"]["hits"] == away_hits


def test_log_txt_is_404_without_a_recorded_log_and_a_download_with_one(client, monkeypatch):
    game = demo_game(home_is_ai=True)
    monkeypatch.setattr("games.views_game.game_log_text", lambda game: None)
    assert client.get(f"/games/{game.pk}/log.txt").status_code == 404
    monkeypatch.setattr("games.views_game.game_log_text", lambda game: "scorecard-log 1\n")
    response = client.get(f"/games/{game.pk}/log.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="game-{game.pk}.log.txt"'
    assert response.content == b"scorecard-log 1\n"


def test_log_txt_downloads_the_real_game_log(client):
    game = demo_game(home_is_ai=True)
    play_to_end(game, {engine.Side.AWAY: manager(game, "away")})
    game.refresh_from_db()
    response = client.get(f"/games/{game.pk}/log.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith("scorecard-log 1")
    log = gamelog.parse(text)
    assert log.plays[-1].score_after == (game.away_score, game.home_score)


def test_the_state_message_carries_win_probability_and_the_choices(client):
    from games.access import game_viewer
    from games.selectors import game_snapshot

    game = demo_game()
    home = manager(game, "home")
    snapshot = game_snapshot(game_id=game.pk, viewer=game_viewer(game_id=game.pk, user=home))
    assert 0.4 < snapshot["game"]["win_probability"] < 0.6
    pending = snapshot["pending"]
    assert pending["side"] == "home"
    assert pending["choices"]["depths"] == ["normal", "corners_in"]
    assert pending["choices"]["intentional_walk"] is True
    assert pending["deadline"] is not None
    assert pending["default"] == {"kind": "defense", "infield": "normal", "hold": [], "intentional_walk": False}


def test_a_manual_result_pending_offers_the_dice_and_the_card_result_as_its_default():
    from games.access import game_viewer
    from games.selectors import game_snapshot

    game = demo_game("sba", home_is_ai=True)
    away = manager(game, "away")
    for _ in range(60):
        game.refresh_from_db()
        state = game_state(game)
        if state.phase is engine.Phase.SUBMIT_OUTCOME:
            break
        game_apply_action(
            game_id=game.pk, user=away, action=next_body(game), action_id=uuid.uuid4(), expected_version=game.version
        )
    else:
        raise AssertionError("no manual result was asked for")
    pending = game_snapshot(game_id=game.pk, viewer=game_viewer(game_id=game.pk, user=away))["pending"]
    dice = state.pending
    assert isinstance(dice, PendingRoll)
    assert pending["dice"] == {"column": dice.column, "row": list(dice.row), "split": dice.split}
    assert pending["default"] == action_to_dict(timeout_action(state, game_setup(game)))
    assert pending["default"]["kind"] == "submit_outcome"


@pytest.mark.parametrize(("innings", "league"), [(9, "pd"), (7, "sba")])
def test_the_summary_carries_the_engines_win_probability_for_its_state(innings, league):
    from games.engine.scenarios import demo_setup
    from games.engine.win_expectancy import home_win, league_table
    from games.snapshot import state_summary

    setup = demo_setup(engine.RuleOptions(innings=innings, win_table=league))
    state, dice = engine.new_game(setup), engine.SeededDice(3)
    seen = set()
    while not state.game_over:
        state = engine.apply(setup, state, engine.defaults_for(state), dice).state
        expected = round(home_win(state, innings, league_table(league)), 4)
        assert state_summary(state, innings=innings, win_table=league)["win_probability"] == expected
        seen.add(expected)
    assert len(seen) > 20
    assert state_summary(state, innings=innings, win_table=league)["win_probability"] in (0.0, 1.0)


def test_a_game_waiting_for_lineups_renders_and_says_which_are_missing(client):
    game = demo_game(start=False)
    game.lineups.filter(team=game.home_team).delete()
    client.force_login(manager(game, "home"))
    response = client.get(f"/games/{game.pk}/")
    assert response.status_code == 200
    config = _config(response)
    assert config["status"] == GameStatus.PENDING
    assert config["lineups_set"] == {"away": True, "home": False}
    assert config["urls"]["lineup"] == f"/games/{game.pk}/lineup/"
    assert config["teams"]["home"]["id"] == game.home_team_id
    assert {p["side"] for p in config["players"].values()} == {"away"}
    assert all(p["batting"] is None for p in config["players"].values())
    game.lineups.all().delete()
    assert _config(client.get(f"/games/{game.pk}/"))["players"] == {}
    assert client.get(f"/games/{game.pk}/box.json").status_code == 200
    assert client.get(f"/games/{game.pk}/events.json").json()["events"] == []


def test_the_chat_panel_is_open_to_signed_in_viewers_and_read_only_for_anonymous_ones(client):
    game = demo_game(home_is_ai=True)
    anonymous = client.get(f"/games/{game.pk}/")
    assert _config(anonymous)["signed_in"] is False
    html = anonymous.content.decode()
    assert 'id="chat-messages"' in html
    assert "to chat." in html
    assert '<input id="chat-input" class="chat-input" type="text" disabled' in html

    client.force_login(get_user_model().objects.create_user("reader"))
    signed_in = client.get(f"/games/{game.pk}/")
    assert _config(signed_in)["signed_in"] is True
    html = signed_in.content.decode()
    assert 'maxlength="500"' in html
    assert "to chat." not in html
    assert "disabled" not in html[html.index('id="chat-form"') : html.index('id="chat-error"')]


# -- the scoresheet, its PDF, the plays CSV and the rematch --------------------------------------------------


@pytest.fixture
def finished_game():
    game = demo_game(home_is_ai=True, away_is_ai=True)
    assert game.status == GameStatus.COMPLETED
    return game


def _pdf_text(data: bytes) -> str:
    """The text of a PDF's content streams (inflated), for finding what it draws."""
    import zlib

    texts = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            texts.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            texts.append(stream.decode("latin-1"))
    return "\n".join(texts)


def test_the_scoresheet_page_names_the_teams_batters_and_pitchers_by_inning(client, finished_game):
    from games.selectors import game_scoresheet

    response = client.get(f"/games/{finished_game.pk}/scoresheet/")
    assert response.status_code == 200
    assert "games/scoresheet.html" in [t.name for t in response.templates]
    html = response.content.decode()
    sheet = game_scoresheet(game=finished_game)
    assert sheet is not None
    for side in sheet.sides:
        assert side.team in html
        for row in side.rows:
            assert row.name in html
        for line in side.pitchers:
            assert line.name in html
    codes = {mark.code for side in sheet.sides for row in side.rows for cell in row.cells for mark in cell}
    assert all(f'<span class="code">{code}</span>' in html for code in codes)
    assert "@media print" in (settings.BASE_DIR / "static/css/scoresheet.css").read_text()
    assert f'href="/games/{finished_game.pk}/scoresheet.pdf"' in html


def test_the_scoresheet_pdf_is_a_pdf_with_the_team_names_in_its_text(client, finished_game):
    response = client.get(f"/games/{finished_game.pk}/scoresheet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="scoresheet-{finished_game.pk}.pdf"'
    data = response.content
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page\r") + data.count(b"/Type /Page ") >= 2
    text = _pdf_text(data)
    for team in (finished_game.home_team, finished_game.away_team):
        assert f"({team.name} ({team.abbreviation}))" in text.replace("\\(", "(").replace("\\)", ")")


def test_the_plays_csv_parses_with_one_row_per_play(client, finished_game):
    import csv
    import io

    response = client.get(f"/games/{finished_game.pk}/plays.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == Play.objects.filter(game=finished_game).count()
    assert tuple(rows[0]) == PLAY_COLUMNS
    names = set(finished_game.lineups.values_list("player__name", flat=True))
    assert {row["batter"] for row in rows} <= names
    assert [int(row["play"]) for row in rows] == list(range(1, len(rows) + 1))


def test_the_scoresheet_downloads_follow_the_pages_access_and_need_lineups(client):
    private = demo_game(home_is_ai=True, away_is_ai=True, visibility=Visibility.PRIVATE)
    for path in ("scoresheet/", "scoresheet.pdf", "plays.csv"):
        assert client.get(f"/games/{private.pk}/{path}").status_code == 403
        assert client.get(f"/games/{uuid.uuid4()}/{path}").status_code == 404
    pending = demo_game(start=False)
    pending.lineups.all().delete()
    assert client.get(f"/games/{pending.pk}/scoresheet/").status_code == 404
    assert client.get(f"/games/{pending.pk}/scoresheet.pdf").status_code == 404
    assert client.get(f"/games/{pending.pk}/plays.csv").content.decode().splitlines() == [",".join(PLAY_COLUMNS)]


def test_rematch_creates_the_swapped_game_and_opens_my_lineup(client, finished_game):
    from games.models import Game

    boss = manager(finished_game, "home")
    client.force_login(boss)
    page = client.get(f"/games/{finished_game.pk}/").content.decode()
    assert f'action="/games/{finished_game.pk}/rematch/"' in page
    assert client.get(f"/games/{finished_game.pk}/rematch/").status_code == 405
    response = client.post(f"/games/{finished_game.pk}/rematch/")
    rematch = Game.objects.exclude(pk=finished_game.pk).get()
    assert (rematch.home_team, rematch.away_team) == (finished_game.away_team, finished_game.home_team)
    assert rematch.status == GameStatus.COMPLETED  # AI against AI plays at once
    assert response.status_code == 302
    assert response["Location"] == f"/games/{rematch.pk}/"


def test_rematch_is_for_participants_of_friendly_games(client):
    from games.models import Game

    game = demo_game(home_is_ai=True)
    away = manager(game, "away")
    play_to_end(game, {engine.Side.AWAY: away})
    assert client.post(f"/games/{game.pk}/rematch/").status_code == 302  # sign in first
    assert Game.objects.count() == 1
    stranger = get_user_model().objects.create_user("stranger", password="pw")
    client.force_login(stranger)
    assert 'id="rematch"' not in client.get(f"/games/{game.pk}/").content.decode()
    assert client.post(f"/games/{game.pk}/rematch/").status_code == 403
    assert Game.objects.count() == 1
    client.force_login(away)
    response = client.post(f"/games/{game.pk}/rematch/")
    rematch = Game.objects.exclude(pk=game.pk).get()
    assert response["Location"] == f"/games/{rematch.pk}/lineup/?team={game.away_team.pk}"
    assert rematch.home_team == game.away_team
    assert rematch.status == GameStatus.PENDING
