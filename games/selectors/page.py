"""Reads behind the game page (`/games/<uuid>/`): what the page embeds once (teams, every lineup row with its card
faces, the league's rules for the decision panel) and the JSON the page fetches (box score, events)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

from django.urls import reverse

from games import engine
from games.access import Viewer
from games.engine.enums import FIELDING_POSITIONS
from games.engine.printed import PRINTED, printed_fielders, printed_result
from games.models import FINISHED_STATUSES, DisputeStatus, Game, GameStatus, Lineup
from games.selectors.disputes import game_disputes
from games.selectors.live import game_events_after, team_summary
from games.selectors.records import game_box_score_data
from games.setup import game_setup
from leagues.league_api.records import LeagueCode
from players.card_face import batting_face, pitching_face

SUBMITTABLE_OUTCOMES = tuple(
    outcome.value for outcome in engine.Outcome if outcome is not engine.Outcome.INTENTIONAL_WALK
)

FIELDERS = tuple(position.value for position in FIELDING_POSITIONS)


def printed_results() -> dict[str, dict[str, Any]]:
    """The result picker's labels, as the cards print them (`games.engine.printed`): for each submittable outcome
    its code without a fielder, its gloss, and the code with each fielder the card may print with it."""
    results = {}
    for code in SUBMITTABLE_OUTCOMES:
        outcome = engine.Outcome(code)
        fielders = {f.value: printed_result(outcome, f) for f in printed_fielders(outcome)}
        results[code] = {"label": printed_result(outcome), "gloss": PRINTED[outcome].gloss, "fielders": fielders}
    return results


def _members(members: Iterable[Enum]) -> dict[str, str]:
    return {member.name: member.value for member in members}


def page_vocabulary() -> dict[str, Any]:
    """The server's names the page's scripts compare against (`{NAME: value}` per enumeration), so they keep no
    copies: game statuses and the finished ones, the engine's phases, halves, positions, hands and infield depths,
    league codes, resolution modes and dispute statuses."""
    return {
        "statuses": _members(GameStatus),
        "finished_statuses": [status.value for status in FINISHED_STATUSES],
        "phases": _members(engine.Phase),
        "halves": _members(engine.Half),
        "positions": _members(engine.Position),
        "hands": _members(engine.Hand),
        "infield_depths": _members(engine.InfieldDepth),
        "league_codes": _members(LeagueCode),
        "resolution_modes": _members(engine.ResolutionMode),
        "dispute_statuses": _members(DisputeStatus),
    }


def _engine_players(game: Game) -> dict[str, engine.Player]:
    """The engine players of the game's setup (empty while the lineups cannot make one)."""
    try:
        return dict(game_setup(game).players)
    except (ValueError, LookupError):
        return {}


def _player(row: Lineup, side: str, engine_player: engine.Player | None) -> dict[str, Any]:
    card = row.card
    image = (card.image_url if card else "") or row.player.image
    return {
        "id": str(row.pk),
        "name": row.player.name,
        "side": side,
        "position": row.position,
        "order": row.batting_order,
        "starter": row.is_starter,
        "bats": engine_player.bats.value if engine_player and engine_player.bats else None,
        "throws": engine_player.throws.value if engine_player and engine_player.throws else None,
        "image": image or None,
        "batting": batting_face(engine_player.batting).to_dict() if engine_player and engine_player.batting else None,
        "pitching": pitching_face(engine_player.pitching).to_dict()
        if engine_player and engine_player.pitching
        else None,
    }


def game_page_players(*, game: Game) -> dict[str, dict[str, Any]]:
    """Every lineup row of the game (starters, bench, bullpen) by Lineup id: name, side, position, order, hands,
    card image and the faces of its batting and pitching cards (None where the card has none)."""
    engine_players = _engine_players(game)
    rows = Lineup.objects.filter(game=game).select_related("player", "card").order_by("batting_order", "id")
    players = {}
    for row in rows:
        side = "home" if row.team_id == game.home_team_id else "away"
        players[str(row.pk)] = _player(row, side, engine_players.get(str(row.pk)))
    return players


def game_lineups_set(*, game: Game) -> dict[str, bool]:
    """Whether each side has its lineup rows (a pending game waits for both)."""
    team_ids = set(Lineup.objects.filter(game=game).values_list("team_id", flat=True).distinct())
    return {"away": game.away_team_id in team_ids, "home": game.home_team_id in team_ids}


def game_page_config(*, game: Game, viewer: Viewer) -> dict[str, Any]:
    """What the page embeds as JSON: the viewer's role and sides, whether they are signed in (the chat), teams,
    players with card faces, the league's mode and rules the panels need (the result picker's printed codes), the
    game's disputes by play, the vocabularies the scripts compare against (`page_vocabulary`), the socket path and
    the JSON endpoints."""
    league = game.league
    base = f"/games/{game.pk}/"
    return {
        "game_id": str(game.pk),
        "status": game.status,
        "role": viewer.role.value,
        "sides": sorted(side.value for side in viewer.sides),
        "commissioner": viewer.commissioner,
        "signed_in": viewer.user_id is not None,
        "league": {"code": league.code, "name": league.name, "resolution": league.resolution_mode},
        "innings": league.innings,
        "decision_seconds": league.decision_window_seconds,
        "auto_sides": list(game.auto_sides or []),
        "teams": {"away": team_summary(game, "away"), "home": team_summary(game, "home")},
        "lineups_set": game_lineups_set(game=game),
        "players": game_page_players(game=game),
        "outcomes": list(SUBMITTABLE_OUTCOMES),
        "printed": printed_results(),
        "fielders": list(FIELDERS),
        "disputes": game_disputes(game_id=game.pk),
        "vocabulary": page_vocabulary(),
        "ws_path": f"/ws/games/{game.pk}/",
        "urls": {
            "events": base + "events.json",
            "box": base + "box.json",
            "log": base + "log.txt",
            "lineup": reverse("game_lineup", args=[game.pk]),
            "orders": {
                side.value: reverse(
                    "team_orders", args=[game.home_team_id if side is engine.Side.HOME else game.away_team_id]
                )
                + f"?next={base}"
                for side in viewer.sides
            },
        },
    }


def game_page_box(*, game: Game) -> dict[str, Any]:
    """The box score (`games.selectors.game_box_score_data`) with the game's status; `teams` None (and an
    `error`) when the recorded actions do not replay, so the page still renders."""
    try:
        return {"status": game.status, **game_box_score_data(game=game)}
    except ValueError as error:
        return {"status": game.status, "teams": None, "decisions": {}, "error": str(error)}


def game_page_events(*, game: Game, viewer: Viewer, after: int = 0, upto: int | None = None) -> list[dict[str, Any]]:
    """The `event` messages `viewer` would have been sent for versions after `after` (to `upto`), in order."""
    return game_events_after(game_id=game.pk, after=after, upto=upto, viewer=viewer)
