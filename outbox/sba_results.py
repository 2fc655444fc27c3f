"""A finished scheduled SBA game in the SBA API's shapes (../shared/league_api/API_SHAPES.md SBA-5 … SBA-9), as the
league bot submits a scorecard: `POST plays` {plays: [...]}, then `PATCH games/{id}` with the result in the query
string, then `POST decisions` {decisions: [...]} (W/L/SV/HLD/BS and rest per pitcher), then per injury `POST
injuries` and `PATCH players/{id}?il_return=w##g#`. Read from the game's Play rows, the engine's box score over its
recorded actions and the rest and injuries `leagues.availability` derives; values are JSON numbers, optional
fields are left out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from games.engine.boxscore import box_score, relief_decisions
from games.engine.cards import batting_side
from games.engine.enums import Half, Hand, Side
from games.models import Game, GameStatus, Lineup, Play
from games.selectors.records import game_log
from leagues.availability import game_injury_rows, game_rest_lines, innings_notation
from leagues.league_api.records import LeagueCode

# Play counters sent under the API's names (SBA-6), from the Play row's fields.
PLAY_COUNTS = {
    "pa": "pa",
    "ab": "ab",
    "run": "runs",
    "e_run": "earned_runs",
    "hit": "hit",
    "rbi": "rbi",
    "double": "double",
    "triple": "triple",
    "homerun": "homerun",
    "bb": "bb",
    "so": "so",
    "hbp": "hbp",
    "ibb": "ibb",
    "gidp": "gidp",
    "bphr": "bphr",
    "bpfo": "bpfo",
    "bp1b": "bp1b",
    "bplo": "bplo",
    "sb": "sb",
    "cs": "cs",
    "outs": "outs",
    "error": "error",
    "wild_pitch": "wild_pitch",
    "passed_ball": "passed_ball",
    "pick_off": "pick_off",
    "balk": "balk",
    "inherited_runners": "inherited_runners",
    "inherited_scored": "inherited_scored",
}
PLAY_PLAYERS = {
    "batter_id": "batter_id",
    "pitcher_id": "pitcher_id",
    "catcher_id": "catcher_id",
    "defender_id": "defender_id",
    "runner_id": "runner_id",
    "on_first_id": "on_first_id",
    "on_second_id": "on_second_id",
    "on_third_id": "on_third_id",
}
FINALS = ("on_first_final", "on_second_final", "on_third_final", "batter_final")
REST_FIELDS = ("rest_ip", "is_start", "base_rest", "extra_rest", "rest_required")
INJURY_FIELDS = ("season", "player_id", "total_games", "start_week", "start_game", "end_week", "end_game", "is_active")


@dataclass(frozen=True, slots=True)
class _Entry:
    """One lineup row as the league knows it: the SBA player id, position, hands and the SBA team id."""

    sba_id: int | None
    position: str
    bats: str
    throws: str
    team_id: int | None


def _number(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() else None


def sba_api_root() -> str:
    """The SBA API's base URL with its path prefix; "" when results cannot be posted (no base URL or no key:
    the writes need the league's token)."""
    api = settings.LEAGUE_APIS.get(LeagueCode.SBA.value, {})
    if not api.get("base_url") or not api.get("key"):
        return ""
    return f"{str(api['base_url']).rstrip('/')}/{str(api.get('path_prefix', '')).lstrip('/')}"


def _entries(game: Game) -> dict[int, _Entry]:
    rows = Lineup.objects.filter(game=game).select_related("player", "card", "team")
    return {
        row.pk: _Entry(
            sba_id=_number(row.player.external_id),
            position=row.position,
            bats=(row.card.bat_hand if row.card else "") or Hand.RIGHT.value,
            throws=(row.card.throw_hand if row.card else "") or Hand.RIGHT.value,
            team_id=_number(row.team.external_id),
        )
        for row in rows
    }


def _play(play: Play, game_id: int, entries: dict[int, _Entry]) -> dict[str, Any]:
    """One Play row as an SBA play: ids are SBA player ids, scores and bases are before the play, counters as
    numbers, `*_final` only for a runner who was there (4 = scored), hands for this plate appearance."""
    body: dict[str, Any] = {
        "game_id": game_id,
        "play_num": play.play_number,
        "on_base_code": "".join("1" if play.on_base_code & bit else "0" for bit in (1, 2, 4)),
        "inning_half": "top" if play.half == Half.TOP.value else "bot",
        "inning_num": play.inning,
        "batting_order": play.batting_order or 0,
        "starting_outs": play.outs_before,
        "away_score": play.away_score,
        "home_score": play.home_score,
    }
    for name, field in PLAY_PLAYERS.items():
        entry = entries.get(getattr(play, field) or 0)
        if entry is not None and entry.sba_id is not None:
            body[name] = entry.sba_id
    for name in FINALS:
        value = getattr(play, name)
        if value is not None and (name == "batter_final" or getattr(play, name.replace("_final", "_id"))):
            body[name] = value
    batter, pitcher = entries.get(play.batter_id or 0), entries.get(play.pitcher_id or 0)
    if batter is not None:
        body["batter_pos"] = batter.position
    if batter is not None and pitcher is not None:
        body["hand_batting"] = batting_side(Hand(batter.bats), Hand(pitcher.throws)).value
    if pitcher is not None:
        body["hand_pitching"] = pitcher.throws
    body.update({name: getattr(play, field) for name, field in PLAY_COUNTS.items()})
    body["sac"] = play.sac + play.sf
    body.update(
        wpa=round(play.wpa, 3),
        re24_primary=round(play.re24, 3),
        is_go_ahead=play.is_go_ahead,
        is_tied=play.is_tied,
        is_new_inning=play.is_new_inning,
    )
    if play.check_pos:
        body["check_pos"] = play.check_pos
    return body


def _decisions(game: Game, context: dict[str, int], entries: dict[int, _Entry]) -> list[dict[str, Any]] | None:
    """One row per pitcher who appeared (W, L, SV, HLD, BS flags, inherited runners, and his rest: innings,
    start, base, extra and required rest as `leagues.availability.game_rest_lines` has them, or innings and start
    alone in a league without rest); None when the game's actions do not give a box score."""
    log = game_log(game=game)
    if log is None:
        return None
    box = box_score(log.setup, log.plays)
    relief = relief_decisions(log.setup, log.plays)
    rests = {(line["pitcher_id"], line["team_id"]): line for line in game_rest_lines(game)}
    rows = []
    for side in Side:
        for index, line in enumerate(box.pitching(side)):
            entry = entries[int(line.player)]
            rest = rests.get((entry.sba_id, entry.team_id), {})
            rows.append(
                {
                    "pitcher_id": entry.sba_id,
                    "rest_ip": innings_notation(line.outs),
                    "is_start": index == 0,
                    **{name: rest[name] for name in REST_FIELDS if name in rest},
                    "win": int(line.decision == "W"),
                    "loss": int(line.decision == "L"),
                    "is_save": int(line.decision == "S"),
                    "hold": int(line.player in relief.holds),
                    "b_save": int(line.player in relief.blown_saves),
                    "irunners": line.inherited,
                    "irunners_scored": line.inherited_scored,
                    "team_id": entry.team_id,
                    **context,
                }
            )
    return rows


def sba_result_steps(game: Game, *, link: str) -> list[dict[str, Any]] | None:
    """The requests that report a completed scheduled SBA game to the league, in the order the league bot sends
    them; None for any other game (friendly, PD, forfeited, or a slot the league API does not know)."""
    scheduled = game.scheduled
    if game.league.code != LeagueCode.SBA.value or game.status != GameStatus.COMPLETED or scheduled is None:
        return None
    game_id = _number(scheduled.external_id)
    if game_id is None:
        return None
    entries = _entries(game)
    context = {
        "game_id": game_id,
        "season": scheduled.series.season.number,
        "week": scheduled.series.week,
        "game_num": scheduled.number,
    }
    decisions = _decisions(game, context, entries)
    if decisions is None:
        return None
    plays = [_play(play, game_id, entries) for play in Play.objects.filter(game=game).order_by("play_number")]
    result = {
        "away_score": game.away_score,
        "home_score": game.home_score,
        "game_num": scheduled.number,
        "scorecard_url": link,
    }
    return [
        {"method": "POST", "path": "plays", "body": {"plays": plays}},
        {"method": "PATCH", "path": f"games/{game_id}", "query": result},
        {"method": "POST", "path": "decisions", "body": {"decisions": decisions}},
        *_injury_steps(game),
    ]


def _injury_steps(game: Game) -> list[dict[str, Any]]:
    """Each injury of the game as the bot records one (SBA-9): the injury row, then the player's return date."""
    steps = []
    for row in game_injury_rows(game):
        if not isinstance(row["player_id"], int):
            continue
        steps.append({"method": "POST", "path": "injuries", "body": {name: row[name] for name in INJURY_FIELDS}})
        steps.append(
            {"method": "PATCH", "path": f"players/{row['player_id']}", "query": {"il_return": row["il_return"]}}
        )
    return steps
