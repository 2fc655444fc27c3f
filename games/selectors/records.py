"""Reads of what a game recorded: its actions, the game log, the box score, plays and lineups."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from games.engine.actions import Action
from games.engine.boxscore import BoxScore, box_score
from games.engine.dice import Rolls
from games.engine.gamelog import GameLog, dump
from games.engine.serialize import CodecError, action_from_dict, rolls_from_list
from games.models import Game, GameAction, Lineup, Play
from games.setup import game_setup
from leagues.models import Team


def game_recorded_actions(*, game: Game) -> list[tuple[Action, Rolls]]:
    """The game's accepted actions in version order, each with the dice it rolled. Raises ValueError when a
    stored body or dice list does not decode."""
    rows = GameAction.objects.filter(game=game).order_by("version").values_list("version", "body", "dice")
    recorded = []
    for version, body, dice in rows:
        try:
            recorded.append((action_from_dict(body), rolls_from_list(dice)))
        except CodecError as exc:
            raise ValueError(f"action {version}: {exc}") from exc
    return recorded


def game_log(*, game: Game) -> GameLog | None:
    """The game's `GameLog`: its setup (`games.setup.game_setup`) and its recorded actions replayed with their
    dice. None when its lineups give no playable setup yet. Raises ValueError when the recorded actions do not
    replay (`check_games` reports such games)."""
    try:
        setup = game_setup(game)
    except ValueError:
        return None
    return GameLog.from_actions(setup, game_recorded_actions(game=game))


def game_box_score(*, game: Game) -> BoxScore | None:
    """The engine's box score of the game's replayed plays (inherited runners charged, W/L/S decided for a
    finished game); engine player ids are Lineup ids as strings. None when the game has no playable setup."""
    log = game_log(game=game)
    return None if log is None else box_score(log.setup, log.plays)


def game_box_score_data(*, game: Game) -> dict[str, Any]:
    """The game's box score as JSON-ready data: the engine's `BoxScore.to_dict()` of its replayed plays
    (`games.selectors.game_box_score`), with players named by database ids and each side's team added::

        {"teams": {"away" | "home": {
             "team": {"id": int, "name": str, "abbreviation": str},
             "line": {"name": abbreviation, "innings": [runs | None per inning], "runs", "hits", "errors",
                      "left_on_base"},
             "batting": [{"slot": 1-9, "player": Player id (str), "lineup": Lineup id, "name", "position"
                          (PH/PR/P for substitutes), "substitute", "ab", "r", "h", "doubles", "triples", "hr",
                          "rbi", "bb", "so", "hbp", "sb", "cs"}, ...],   # batting order, substitutes after
             "pitching": [{"player", "lineup", "name", "outs", "ip" ("6.2"), "h", "r", "er", "bb", "so", "hr",
                           "bf", "inherited", "inherited_scored", "decision": "W" | "L" | "S" | None}, ...]}},
         "decisions": {"win" | "loss" | "save": Player id (str) | None}}

    Runs are charged to the pitcher responsible for the runner (inherited runners), earned runs as the engine
    reconstructs them; decisions only for a completed game with a winner. A game whose lineups are not set yet
    has empty lines. Raises ValueError when the recorded actions do not replay."""
    box = game_box_score(game=game)
    teams = {"away": game.away_team, "home": game.home_team}
    if box is None:
        data: dict[str, Any] = {
            "teams": {side: {"line": _empty_line(team), "batting": [], "pitching": []} for side, team in teams.items()},
            "decisions": {"win": None, "loss": None, "save": None},
        }
    else:
        data = box.to_dict()
        players = dict(Lineup.objects.filter(game=game).values_list("pk", "player_id"))

        def player_of(engine_id: str | None) -> str | None:
            return None if engine_id is None else str(players.get(int(engine_id), engine_id))

        for side_data in data["teams"].values():
            for line in (*side_data["batting"], *side_data["pitching"]):
                line["lineup"] = int(line["player"])
                line["player"] = player_of(line["player"])
        data["decisions"] = {key: player_of(value) for key, value in data["decisions"].items()}
    for side, team in teams.items():
        data["teams"][side] = {
            "team": {"id": team.pk, "name": team.name, "abbreviation": team.abbreviation},
            **data["teams"][side],
        }
    return data


def _empty_line(team: Team) -> dict[str, Any]:
    return {"name": team.abbreviation, "innings": [], "runs": 0, "hits": 0, "errors": 0, "left_on_base": 0}


def game_plays(*, game: Game) -> QuerySet[Play]:
    """The game's plays in order with batter, pitcher and their players joined."""
    return game.plays.select_related("batter__player", "pitcher__player").order_by("play_number")


def game_lineups(*, game: Game) -> QuerySet[Lineup]:
    """Every lineup row of the game (starters and substitutes), team then batting order."""
    return game.lineups.select_related("player", "team").order_by("team_id", "batting_order", "id")


def game_log_text(*, game: Game) -> str | None:
    """The game's canonical log text (`games.engine.gamelog.dump` of `games.selectors.game_log`), or None when
    the game has no recorded actions (or no playable setup). `gamelog.parse` of the text replays to the game's
    stored state. Raises ValueError when the recorded actions do not replay."""
    if not GameAction.objects.filter(game=game).exists():
        return None
    log = game_log(game=game)
    return None if log is None else dump(log)
