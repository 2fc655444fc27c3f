"""Reads behind the lineup builder: entries, suggestions, the current lineup and the card options."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from games.access import is_commissioner
from games.engine.lineup_rules import ProposedSlot, out_of_position_warnings
from games.models import Game, Lineup, RosterLink
from games.selectors.orders import team_rotation
from leagues.availability import game_unavailable
from leagues.models import Team
from players.models import PITCHER_POSITIONS, Card, Player


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
    """A valid starting lineup from the cards `team` may use in `game` (roster links for PD, else its players),
    leaving out the players resting or hurt at the game's scheduled slot: the first eligible player at each
    position, a DH (or the pitcher batting ninth) and the team's next starter: the first available of its saved
    rotation, else the first starter by name (so a rotation goes round as its starters rest). Empty when too few
    players are available."""
    links = RosterLink.objects.filter(game=game, team=team)
    if links.exists():
        cards = [link.card for link in links.select_related("card__player").order_by("card__player__name")]
    else:
        cards = list(Card.objects.filter(player__team=team).select_related("player").order_by("player__name"))
    unavailable = game_unavailable(game, team)
    cards = [card for card in cards if card.player_id not in unavailable]
    hitters = [card for card in cards if not card.throw_hand]
    rotation = {pid: order for order, pid in enumerate(team_rotation(team))}
    pitchers = sorted(
        (c for c in cards if c.throw_hand),
        key=lambda c: (rotation.get(c.player_id, len(rotation)), c.starter_rating is None, c.player.name),
    )
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


def game_lineup_teams(game: Game, user: Any) -> list[Team]:
    """The teams of `game` whose lineup `user` may set: those they manage, and both for the league's
    commissioner; never an AI side."""
    if user is None or not user.is_authenticated:
        return []
    teams = [(game.away_team, game.away_is_ai), (game.home_team, game.home_is_ai)]
    managed = set(
        Team.objects.filter(pk__in=(game.away_team_id, game.home_team_id), managers=user).values_list("pk", flat=True)
    )
    commissioner = is_commissioner(game, user)
    return [team for team, is_ai in teams if not is_ai and (commissioner or team.pk in managed)]


def game_lineup_team_ids(game: Game) -> set[int]:
    """The ids of `game`'s teams that have a starting lineup set."""
    return set(Lineup.objects.filter(game=game, is_starter=True).values_list("team_id", flat=True).distinct())


def lineup_current(*, game: Game, team: Team) -> list[LineupEntry]:
    """`team`'s starting lineup in `game` as entries (batting order, the non-batting pitcher last); empty if unset."""
    rows = Lineup.objects.filter(game=game, team=team, is_starter=True).order_by("batting_order", "id")
    entries = [LineupEntry(row.player_id, row.position, row.batting_order, row.card_id) for row in rows]
    return sorted(entries, key=lambda e: (e.batting_order is None, e.batting_order or 0))


@dataclass(frozen=True, slots=True)
class FieldingRating:
    """A card's rating at one position: range 1 (best) to 5, error number, arm when rated."""

    position: str
    range: int
    error: int
    arm: int | None


@dataclass(frozen=True, slots=True)
class CardOption:
    """A card a team may start in a game, with the numbers a manager picks by.

    `value` ("player_id:card_id", card part empty without a card) identifies the choice in forms.
    `on_base` / `slugging` map "L"/"R" (the opposing hand) to a rate: the stored rates when the league sends
    them, otherwise computed from the card's chances out of 108. Pitchers' rates are what batters reach
    against them. `unavailable` says why he cannot play in this game (resting or hurt), empty when he can."""

    value: str
    player_id: int
    card_id: int | None
    name: str
    positions: tuple[str, ...]
    fielding: tuple[FieldingRating, ...]
    is_pitcher: bool
    bats: str
    throws: str
    on_base: dict[str, float]
    slugging: dict[str, float]
    homeruns: dict[str, float]
    starter_rating: int | None
    relief_rating: int | None
    closer_rating: int | None
    cardset: str
    unavailable: str = ""

    @property
    def label(self) -> str:
        """Short text for a select option: name, positions, the hand and a key rate (and why he cannot play)."""
        if self.is_pitcher:
            role = f"SP {self.starter_rating}" if self.starter_rating else f"RP {self.relief_rating or '-'}"
            text = f"{self.name} · P ({role}) · T{self.throws or '?'}"
        else:
            positions = "/".join(p for p in self.positions if p != "DH") or "DH"
            rate = f" · OB {_rate(max(self.on_base.values()))}" if self.on_base else ""
            text = f"{self.name} · {positions} · B{self.bats or '?'}{rate}"
        return f"{text} · {self.unavailable}" if self.unavailable else text

    @property
    def on_base_vs_left(self) -> str:
        return _rate(self.on_base["L"]) if "L" in self.on_base else NO_RATE

    @property
    def on_base_vs_right(self) -> str:
        return _rate(self.on_base["R"]) if "R" in self.on_base else NO_RATE

    @property
    def slugging_vs_left(self) -> str:
        return _rate(self.slugging["L"]) if "L" in self.slugging else NO_RATE

    @property
    def slugging_vs_right(self) -> str:
        return _rate(self.slugging["R"]) if "R" in self.slugging else NO_RATE


NO_RATE = "\N{EN DASH}"


def _rate(value: float) -> str:
    return f"{value:.3f}".removeprefix("0")


ON_BASE_FIELDS = (
    "homerun",
    "bp_homerun",
    "triple",
    "double_three",
    "double_two",
    "double_pull",
    "double_cf",
    "single_two",
    "single_one",
    "single_center",
    "bp_single",
    "hbp",
    "walk",
)

BASES_PER_HIT = {
    "homerun": 4,
    "bp_homerun": 4,
    "triple": 3,
    "double_three": 2,
    "double_two": 2,
    "double_pull": 2,
    "double_cf": 2,
    "single_two": 1,
    "single_one": 1,
    "single_center": 1,
    "bp_single": 1,
}


def _rates(row: Any) -> tuple[float, float, float]:
    """(on-base, slugging, homerun) rates of a rating row: stored obp/slg when present, else from its chances."""
    chances = {name: float(getattr(row, name, 0) or 0) for name in ON_BASE_FIELDS}
    on_base = sum(chances.values()) / 108
    walks = chances["hbp"] + chances["walk"]
    at_bats = max(108 - walks, 1)
    slugging = sum(chances[name] * bases for name, bases in BASES_PER_HIT.items()) / at_bats
    homeruns = (chances["homerun"] + chances["bp_homerun"]) / 108
    if row.obp is not None:
        on_base = float(row.obp)
    if row.slg is not None:
        slugging = float(row.slg)
    return on_base, slugging, homeruns


def lineup_card_options(*, game: Game, team: Team) -> list[CardOption]:
    """The cards `team` may start in `game` (its roster links when the game has any, else its players' cards,
    else its players without a card), position players first then pitchers, each by name; a player resting or
    hurt at the game's scheduled slot carries the reason (the lineup builder refuses him)."""
    links = RosterLink.objects.filter(game=game, team=team)
    if links.exists():
        cards = Card.objects.filter(pk__in=links.values("card_id"))
    else:
        cards = Card.objects.filter(player__team=team)
    cards = cards.select_related("player", "cardset").prefetch_related(
        "positions", "batting_ratings", "pitching_ratings"
    )
    unavailable = game_unavailable(game, team)
    options: list[CardOption] = []
    seen_players: set[int] = set()
    for card in cards:
        seen_players.add(card.player_id)
        rows = card.pitching_ratings.all() if card.throw_hand else card.batting_ratings.all()
        rates = {row.vs_hand: _rates(row) for row in rows}
        options.append(
            CardOption(
                value=f"{card.player_id}:{card.pk}",
                player_id=card.player_id,
                card_id=card.pk,
                name=card.player.name,
                positions=tuple(card.player.positions),
                fielding=tuple(
                    FieldingRating(p.position, p.range, p.error, p.arm)
                    for p in sorted(card.positions.all(), key=_position_order)
                    if p.position != "DH"
                ),
                is_pitcher=bool(card.throw_hand),
                bats=card.bat_hand,
                throws=card.throw_hand,
                on_base={hand: r[0] for hand, r in sorted(rates.items())},
                slugging={hand: r[1] for hand, r in sorted(rates.items())},
                homeruns={hand: r[2] for hand, r in sorted(rates.items())},
                starter_rating=card.starter_rating,
                relief_rating=card.relief_rating,
                closer_rating=card.closer_rating,
                cardset=card.cardset.name,
                unavailable=unavailable.get(card.player_id, ""),
            )
        )
    if not links.exists():
        for player in Player.objects.filter(team=team).exclude(pk__in=seen_players):
            options.append(
                CardOption(
                    value=f"{player.pk}:",
                    player_id=player.pk,
                    card_id=None,
                    name=player.name,
                    positions=tuple(player.positions),
                    fielding=(),
                    is_pitcher=bool(PITCHER_POSITIONS.intersection(player.positions)),
                    bats="",
                    throws="",
                    on_base={},
                    slugging={},
                    homeruns={},
                    starter_rating=None,
                    relief_rating=None,
                    closer_rating=None,
                    cardset="",
                    unavailable=unavailable.get(player.pk, ""),
                )
            )
    return sorted(options, key=lambda o: (o.is_pitcher, o.name, o.card_id or 0))


POSITION_ORDER = ("P", "C", "1B", "2B", "3B", "SS", "LF", "CF", "RF", "DH")


def _position_order(rating: Any) -> int:
    return POSITION_ORDER.index(rating.position) if rating.position in POSITION_ORDER else len(POSITION_ORDER)


def lineup_warnings(*, entries: Sequence[LineupEntry], options: Sequence[CardOption]) -> list[str]:
    """The lineup builder's warnings (RULES §12): each player `entries` put at a fielding position his card has no
    rating for, named with the position and the ratings he will play it with (`out_of_position_warnings`).
    An entry on a card that is not among `options` is not checked (the service refuses it)."""
    by_choice = {(option.player_id, option.card_id): option for option in options}
    slots = []
    for entry in entries:
        option = by_choice.get((entry.player_id, entry.card_id))
        if option is None:
            continue
        rated = (*(rating.position for rating in option.fielding), *(("P",) if option.throws else ()))
        slots.append(ProposedSlot(entry.player_id, entry.position, entry.batting_order, option.name, rated))
    return [f"Batter {key.removeprefix('slot ')}: {text}" for key, text in out_of_position_warnings(slots).items()]
