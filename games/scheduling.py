"""Scheduling for league tools until the live branch's `game_create` / `game_set_lineup` reach main: a pending
game between two teams of a league, and a team's starting lineup for a pending game."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from games.models import AiDifficulty, Game, GameMode, GameSession, GameStatus, Lineup, Visibility
from leagues.models import League, Season, Team
from players.models import Card, Player, Position


@dataclass(frozen=True, slots=True)
class LineupSlot:
    """One starter: `batting_order` None only for a pitcher who does not bat (DH games)."""

    player_id: int
    position: str
    batting_order: int | None
    card_id: int | None = None


@transaction.atomic
def game_schedule(
    *,
    league: League,
    home_team: Team,
    away_team: Team,
    season: Season | None = None,
    mode: str = GameMode.FRIENDLY,
    visibility: str = Visibility.PUBLIC,
    home_is_ai: bool = False,
    away_is_ai: bool = False,
    ai_difficulty: str = AiDifficulty.BALANCED,
) -> Game:
    """A pending game (with its empty session). Raises ValidationError when a team or the season is not the
    league's, or both sides are the same team."""
    errors: dict[str, str] = {}
    if home_team.pk == away_team.pk:
        errors["away_team"] = "a team cannot play itself"
    for name, team in (("home_team", home_team), ("away_team", away_team)):
        if team.league_id != league.pk:
            errors[name] = f"{team} is not in {league}"
    if season is not None and season.league_id != league.pk:
        errors["season"] = f"{season} is not a season of {league}"
    if errors:
        raise ValidationError(errors)
    game = Game.objects.create(
        league=league,
        season=season,
        home_team=home_team,
        away_team=away_team,
        game_mode=mode,
        visibility=visibility,
        home_is_ai=home_is_ai,
        away_is_ai=away_is_ai,
        ai_difficulty=ai_difficulty,
    )
    GameSession.objects.create(game=game)
    return game


def _lineup_errors(game: Game, team: Team, slots: Sequence[LineupSlot]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if game.status != GameStatus.PENDING:
        errors["game"] = f"lineups are set before the game starts; this one is {game.status}"
    if team.pk not in (game.home_team_id, game.away_team_id):
        errors["team"] = f"{team} does not play in this game"
    orders = sorted(slot.batting_order for slot in slots if slot.batting_order is not None)
    if orders != list(range(1, 10)):
        errors["batting_order"] = "batting orders must be 1 to 9, each once"
    positions = [slot.position for slot in slots]
    missing = [p for p in Position.values if p != Position.DH and p not in positions]
    if missing or len(set(positions)) != len(positions):
        errors["position"] = "every fielding position once (and at most one DH)"
    if Position.DH in positions and not game.league.dh:
        errors["position"] = f"{game.league} plays without the designated hitter"
    bench = [slot for slot in slots if slot.batting_order is None]
    if bench and (Position.DH not in positions or [slot.position for slot in bench] != [Position.P]):
        errors["batting_order"] = "only the pitcher of a DH lineup may be without a batting order"
    return errors


@transaction.atomic
def game_set_starters(*, game: Game, team: Team, slots: Sequence[LineupSlot]) -> list[Lineup]:
    """Replaces `team`'s starters in a pending game. Players must be the league's and distinct; a card must be the
    player's. Raises ValidationError naming the offending field."""
    game = Game.objects.select_for_update().select_related("league").get(pk=game.pk)
    errors = _lineup_errors(game, team, slots)
    player_ids = [slot.player_id for slot in slots]
    players = Player.objects.in_bulk(player_ids)
    if len(set(player_ids)) != len(player_ids):
        errors["player"] = "a player appears twice"
    elif any(players.get(pid) is None or players[pid].league_id != game.league_id for pid in player_ids):
        errors["player"] = f"every player must be a player of {game.league}"
    card_ids = [slot.card_id for slot in slots if slot.card_id is not None]
    cards = Card.objects.in_bulk(card_ids)
    if any(
        cards.get(slot.card_id) is None or cards[slot.card_id].player_id != slot.player_id
        for slot in slots
        if slot.card_id
    ):
        errors["card"] = "every card must be a card of its player"
    if errors:
        raise ValidationError(errors)
    Lineup.objects.filter(game=game, team=team).delete()
    return Lineup.objects.bulk_create(
        Lineup(
            game=game,
            team=team,
            player_id=slot.player_id,
            card_id=slot.card_id,
            position=slot.position,
            batting_order=slot.batting_order,
        )
        for slot in slots
    )
