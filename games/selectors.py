"""Reads about games."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from games.models import Game, GameStatus, RosterLink, Visibility
from leagues.models import Team
from players.models import Card


def _public_games() -> QuerySet[Game]:
    return Game.objects.filter(visibility=Visibility.PUBLIC).select_related("league", "home_team", "away_team")


def game_list_live(*, limit: int = 20) -> list[Game]:
    """Public games in progress, newest first."""
    return list(_public_games().filter(status=GameStatus.ACTIVE).order_by("-started_at", "-created_at")[:limit])


def game_list_recent(*, limit: int = 10) -> list[Game]:
    """Public games that have ended (completed or forfeited), most recently finished first."""
    finished = _public_games().filter(status__in=[GameStatus.COMPLETED, GameStatus.FORFEITED])
    return list(finished.order_by("-finished_at", "-created_at")[:limit])


@dataclass(frozen=True, slots=True)
class LineupEntry:
    """One lineup slot: a player (PD: with the card he plays on) at a position; `batting_order` None only for
    the pitcher of a DH league."""

    player_id: int
    position: str
    batting_order: int | None
    card_id: int | None = None


LINEUP_POSITIONS = ("C", "SS", "2B", "CF", "3B", "1B", "LF", "RF")


def lineup_suggest(*, game: Game, team: Team) -> list[LineupEntry]:
    """A valid starting lineup from the cards `team` may use in `game` (roster links for PD, else its players):
    the first eligible player at each position, a DH (or the pitcher batting ninth) and the best-rated starter."""
    links = RosterLink.objects.filter(game=game, team=team)
    if links.exists():
        cards = [link.card for link in links.select_related("card__player").order_by("card__player__name")]
    else:
        cards = list(Card.objects.filter(player__team=team).select_related("player").order_by("player__name"))
    hitters = [card for card in cards if not card.throw_hand]
    pitchers = sorted((c for c in cards if c.throw_hand), key=lambda c: (c.starter_rating is None, c.player.name))
    if not pitchers:
        return []
    used: set[int] = set()
    chosen: list[tuple[str, Card]] = []
    for position in LINEUP_POSITIONS:
        card = next((c for c in hitters if c.player_id not in used and position in c.player.positions), None)
        card = card or next((c for c in hitters if c.player_id not in used), None)
        if card is None:
            return []
        used.add(card.player_id)
        chosen.append((position, card))
    pitcher = pitchers[0]
    entries = [LineupEntry(c.player_id, pos, order, c.pk) for order, (pos, c) in enumerate(chosen, 1)]
    if game.league.dh:
        dh = next((c for c in hitters if c.player_id not in used), None)
        if dh is None:
            return []
        entries.append(LineupEntry(dh.player_id, "DH", 9, dh.pk))
        entries.append(LineupEntry(pitcher.player_id, "P", None, pitcher.pk))
    else:
        entries.append(LineupEntry(pitcher.player_id, "P", 9, pitcher.pk))
    return entries
