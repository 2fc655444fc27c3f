"""The engine setup of a game, built from its Lineup rows, their cards and the league's rule options.

Engine player ids are Lineup primary keys as strings, so engine plays map straight back to Lineup rows.
Setups are cached per process by game id with their key (the stored setup format and the lineup fingerprint);
the fingerprint is read from the database on every call (as annotations of the game row when the caller loaded
it `with_lineup_fingerprint`, so live play pays no extra query), so the cache never outlives a lineup change.
A setup not in memory is read from the game's `StoredSetup` row when its key matches (the action's locking
statement reads it with the game row, `games.services.locking`), and built from the rows otherwise; the writer
stores a setup whose row is missing or stale (`setup_to_store`).

Starters are the rows with `is_starter`; the other rows of a team are its bench (position players) and bullpen
(position P), as far as the league's resolution can use them (automatic resolution needs a batting card to come
off the bench and a pitching card to come out of the bullpen).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, NamedTuple, TypeVar

from django.db.models import Count, IntegerField, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from games import engine
from games.engine.fatigue import injury_column, injury_table
from games.engine.orders import StandingOrders, orders_from_dict
from games.engine.serialize import SETUP_FORMAT, CodecError, setup_from_dict, setup_to_dict
from games.models import Game, Lineup, StoredSetup
from leagues.rule_options import LeagueRuleOptions
from players import ratings
from players.models import BattingRating, PitchingRating, PositionRating

_CACHE: OrderedDict[str, tuple[str, engine.GameSetup]] = OrderedDict()
_CACHE_SIZE = 4_096  # games a worker serves at once; setups share their cards (`_memo_card`), so each is small
CardT = TypeVar("CardT")


def rule_options_for(options: LeagueRuleOptions, *, hr_number: int, single_number: int) -> engine.RuleOptions:
    """The engine's options for a league (ballpark numbers from the home park)."""
    return engine.RuleOptions(
        innings=options.innings,
        dh=options.dh,
        extra_inning_runner=options.extra_inning_runner,
        mercy_runs=options.mercy_run_margin if options.mercy_rule else None,
        mercy_after_inning=options.mercy_inning or 7,
        resolution=options.resolution_mode,
        decision_seconds=options.decision_window_seconds,
        location=engine.LocationTable.from_mapping(options.location_tables),
        park=engine.Ballpark(homerun=hr_number, single=single_number),
        injuries=options.injuries,
        rare_plays=options.rare_plays,
        out_of_position=options.out_of_position,
        win_table=options.league_code,
    )


_UNREADABLE: set[str] = set()
"""Games whose stored setup this process could not decode (another format, malformed): the next writer rewrites it."""
_CARDS: dict[Any, Any] = {}
"""Engine cards shared by the setups of this process: by their rating inputs (built) and by their stored key
(decoded from a `StoredSetup`)."""
_CARDS_SIZE = 50_000

# What `build_setup` reads, as plain tuples (no model instances): one Lineup row joined to its player and card,
# then one query per rating table for the game's cards.
_BATTING_CARD = ("running", "steal_auto", "steal_jump", "steal_high", "steal_low", "bunting", "hit_and_run")
_PITCHING_CARD = ("hold", "balk", "wild_pitch", "starter_rating", "relief_rating", "closer_rating")
_LINEUP_COLUMNS = (
    "id",
    "team_id",
    "position",
    "batting_order",
    "is_starter",
    "player__name",
    "card_id",
    "card__bat_hand",
    "card__throw_hand",
    *(f"card__{name}" for name in (*_BATTING_CARD, *_PITCHING_CARD)),
    "player__injury_rating",
    "player__pitcher_injury",
)
_BATTING_CHANCES = ratings.BATTER_FIELDS
_PITCHING_CHANCES = (*ratings.PITCHER_FIELDS, *ratings.PITCHER_OPTIONAL_FIELDS)
_POSITION_COLUMNS = ("card_id", "position", "range", "error", "arm", "passed_ball", "throwing")


class _LineupRow(NamedTuple):
    """The Lineup columns `_team` needs."""

    pk: int
    team_id: int
    position: str
    batting_order: int | None
    is_starter: bool


def _memo(key: tuple[Any, ...], build: Callable[[], CardT]) -> CardT:
    """`build()`, shared by every setup in the process with the same `key` (engine cards are immutable; the key
    holds every input, so a changed rating builds a new card)."""
    card = _CARDS.get(key)
    if card is None:
        if len(_CARDS) >= _CARDS_SIZE:
            _CARDS.clear()
        card = _CARDS[key] = build()
    return card


def _split(names: tuple[str, ...], values: tuple[Any, ...] | None) -> dict[str, float] | None:
    """One rating row's chances as floats by field name, None when the row is absent. Null (optional) and zero
    chances are left out: the engine reads a missing field as zero chances, so the card it builds is the same."""
    if values is None:
        return None
    return {name: float(value) for name, value in zip(names, values, strict=True) if value}


def _card_build(
    build: Callable[[dict[str, Any], dict[str, float], dict[str, float] | None], CardT],
    fields: dict[str, Any],
    names: tuple[str, ...],
    vs_left: tuple[Any, ...] | None,
    vs_right: tuple[Any, ...] | None,
) -> Callable[[], CardT]:
    def card() -> CardT:
        left, right = _split(names, vs_left), _split(names, vs_right)
        return build(fields, left if left is not None else right if right is not None else {}, right)

    return card


def _batting(card: tuple[Any, ...], splits: dict[str, tuple[Any, ...]] | None) -> engine.BatterCard | None:
    """`card`: bat_hand then the `_BATTING_CARD` columns; `splits`: chance values by the pitcher's hand."""
    if not splits:
        return None
    bat_hand, running, steal_auto, steal_jump, steal_high, steal_low, bunting, hit_and_run = card
    vs_left, vs_right = splits.get("L"), splits.get("R")
    fields = {
        "hand": bat_hand or "R",
        "running": running if running is not None else 12,
        "steal_auto": steal_auto,
        "steal_jump": float(steal_jump or 0),
        "steal_high": steal_high or 0,
        "steal_low": steal_low or 0,
        "bunting": bunting or "C",
        "hit_and_run": hit_and_run or "C",
    }
    key = (engine.BatterCard, card, vs_left, vs_right)
    return _memo(key, _card_build(engine.BatterCard.from_fields, fields, _BATTING_CHANCES, vs_left, vs_right))


def _pitching(card: tuple[Any, ...], splits: dict[str, tuple[Any, ...]] | None) -> engine.PitcherCard | None:
    """`card`: throw_hand then the `_PITCHING_CARD` columns; `splits`: chance values by the batter's side."""
    throw_hand, hold, balk, wild_pitch, starter_rating, relief_rating, closer_rating = card
    if not throw_hand or not splits:
        return None
    vs_left, vs_right = splits.get("L"), splits.get("R")
    fields = {
        "hand": throw_hand,
        "hold": hold or 0,
        "balk": balk or 0,
        "wild_pitch": wild_pitch or 0,
        "starter_rating": starter_rating,
        "relief_rating": relief_rating,
        "closer_rating": closer_rating,
    }
    key = (engine.PitcherCard, card, vs_left, vs_right)
    return _memo(key, _card_build(engine.PitcherCard.from_fields, fields, _PITCHING_CHANCES, vs_left, vs_right))


def _fielding(rows: list[tuple[Any, ...]]) -> dict[engine.Position, engine.FielderRating]:
    """Position ratings (position, range, error, arm, passed_ball, throwing), DH left out."""
    return {
        engine.Position(position): engine.FielderRating(
            range=range_, error=error, arm=arm or 0, passed_ball=passed_ball or 0, throwing=throwing or 0
        )
        for position, range_, error, arm, passed_ball, throwing in rows
        if position != "DH"
    }


def _by_card(rows: Iterable[tuple[Any, ...]]) -> dict[int, dict[str, tuple[Any, ...]]]:
    """Rating rows (card_id, vs_hand, chances...) as {card_id: {vs_hand: chances}}."""
    cards: dict[int, dict[str, tuple[Any, ...]]] = {}
    for row in rows:
        cards.setdefault(row[0], {})[row[1]] = row[2:]
    return cards


def _team(name: str, rows: list[_LineupRow], players: dict[str, engine.Player], auto: bool) -> engine.TeamSetup:
    starters = sorted((r for r in rows if r.is_starter and r.batting_order), key=lambda r: r.batting_order or 0)
    pitchers = [r for r in rows if r.is_starter and r.position == "P"]
    if not pitchers:
        raise ValueError(f"{name}: no starting pitcher")
    reserves = [r for r in rows if not r.is_starter]
    return engine.TeamSetup(
        name=name,
        lineup=tuple(engine.LineupSlot(str(r.pk), engine.Position(r.position)) for r in starters),
        pitcher=str(pitchers[0].pk),
        bench=tuple(
            str(r.pk) for r in reserves if r.position != "P" and (not auto or players[str(r.pk)].batting is not None)
        ),
        bullpen=tuple(
            str(r.pk) for r in reserves if r.position == "P" and (not auto or players[str(r.pk)].pitching is not None)
        ),
    )


def with_lineup_fingerprint(games: QuerySet[Game]) -> QuerySet[Game]:
    """`games` annotated with their lineup fingerprint, so `game_setup` needs no query of its own."""
    rows = Lineup.objects.filter(game=OuterRef("pk")).order_by().values("game")
    return games.annotate(
        lineup_rows=Coalesce(Subquery(rows.annotate(n=Count("id")).values("n"), output_field=IntegerField()), 0),
        lineup_top=Coalesce(Subquery(rows.annotate(top=Max("id")).values("top"), output_field=IntegerField()), 0),
    )


def _fingerprint(game: Game) -> tuple[int, int]:
    annotated = getattr(game, "lineup_rows", None), getattr(game, "lineup_top", None)
    if annotated[0] is not None and annotated[1] is not None:
        return int(annotated[0]), int(annotated[1])
    agg = Lineup.objects.filter(game=game).aggregate(n=Count("id"), top=Max("id"))
    return agg["n"] or 0, agg["top"] or 0


def _injury_ratings(injury_rating: str, pitcher_injury: int | None) -> dict[str, Any]:
    """A pitcher's SBA injury ratings (RULES §11) as the engine's Player fields; a rating not like ``2p65``
    reads as unknown (the league API accepts such values with a note)."""
    try:
        column, series_games = injury_column(injury_rating), injury_table(injury_rating)
    except ValueError:
        column, series_games = None, 1
    return {"injury_rating": column, "pitcher_injury": pitcher_injury, "series_games": series_games}


def build_setup(game: Game) -> engine.GameSetup:
    """The engine setup from the database (no cache). Raises ValueError for an unplayable lineup.

    Four queries of plain tuples: the Lineup rows with their player's name and card columns, then the batting,
    pitching and position ratings of their cards."""
    rows = list(Lineup.objects.filter(game=game).order_by("id").values_list(*_LINEUP_COLUMNS))
    cards = {row[6] for row in rows if row[6] is not None}
    batting = _by_card(
        BattingRating.objects.filter(card_id__in=cards).values_list("card_id", "vs_hand", *_BATTING_CHANCES)
    )
    pitching = _by_card(
        PitchingRating.objects.filter(card_id__in=cards).values_list("card_id", "vs_hand", *_PITCHING_CHANCES)
    )
    positions: dict[int, list[tuple[Any, ...]]] = {}
    for card_id, *rating in (
        PositionRating.objects.filter(card_id__in=cards).order_by("card_id", "position").values_list(*_POSITION_COLUMNS)
    ):
        positions.setdefault(card_id, []).append(tuple(rating))
    league = game.league
    park = game.home_team.ballpark
    options = rule_options_for(
        league.rule_options(),
        hr_number=park.hr_number if park else league.park_hr_number,
        single_number=park.single_number if park else league.park_single_number,
    )
    players: dict[str, engine.Player] = {}
    away_rows: list[_LineupRow] = []
    home_rows: list[_LineupRow] = []
    batting_end = 9 + len(_BATTING_CARD)
    pitching_end = batting_end + len(_PITCHING_CARD)
    for row in rows:
        pk, team_id, position, batting_order, is_starter, name, card_id, bat_hand, throw_hand = row[:9]
        key = str(pk)
        if card_id is None:
            players[key] = engine.Player(key, name)
        else:
            card = _pitching((throw_hand, *row[batting_end:pitching_end]), pitching.get(card_id))
            players[key] = engine.Player(
                key,
                name,
                batting=_batting((bat_hand, *row[9:batting_end]), batting.get(card_id)),
                pitching=card,
                fielding=_fielding(positions.get(card_id, [])),
                bats=engine.Hand(bat_hand) if bat_hand else None,
                throws=engine.Hand(throw_hand) if throw_hand else None,
                **_injury_ratings(*row[pitching_end:]) if card is not None else {},
            )
        lineup = _LineupRow(pk, team_id, position, batting_order, is_starter)
        if team_id == game.away_team_id:
            away_rows.append(lineup)
        if team_id == game.home_team_id:
            home_rows.append(lineup)
    auto = options.resolution is engine.ResolutionMode.AUTO
    away = _team(game.away_team.abbreviation, away_rows, players, auto)
    home = _team(game.home_team.abbreviation, home_rows, players, auto)
    return engine.GameSetup(options=options, away=away, home=home, players=players)


def setup_key(game: Game) -> str:
    """What a stored setup of `game` must be stored under to be read: the setup format and the lineup fingerprint."""
    rows, top = _fingerprint(game)
    return f"{SETUP_FORMAT}:{rows}:{top}"


def setup_in_memory(game_id: Any) -> bool:
    """Whether this process holds a setup of the game (the locking statement then leaves the stored one out)."""
    return str(game_id) in _CACHE


def _stored_setup(game: Game, key: str) -> engine.GameSetup | None:
    """The setup stored for `game` under `key`: the data read with the game row (`stored_setup_data`, with its
    `stored_setup_key`), else one query; None when there is none or it does not decode."""
    if hasattr(game, "stored_setup_key"):
        if game.stored_setup_key != key:
            return None
        data = getattr(game, "stored_setup_data", None)
    else:
        data = None
    if data is None:
        data = StoredSetup.objects.filter(game_id=game.pk, key=key).values_list("data", flat=True).first()
        setattr(game, "stored_setup_key", key if data is not None else None)  # noqa: B010 - as locked_game sets it
    if data is None:
        return None
    if len(_CARDS) >= _CARDS_SIZE:
        _CARDS.clear()
    try:
        return setup_from_dict(data, _CARDS)
    except CodecError:
        _UNREADABLE.add(str(game.pk))  # rewritten by the next writer
        return None


def game_setup(game: Game) -> engine.GameSetup:
    """The engine setup of ``game``: from this process's memory while its lineups have not changed, else the one
    stored with it, else built from its rows."""
    key, game_id = setup_key(game), str(game.pk)
    cached = _CACHE.get(game_id)
    if cached is not None and cached[0] == key:
        _CACHE.move_to_end(game_id)
        return cached[1]
    setup = _stored_setup(game, key) or build_setup(game)
    _CACHE[game_id] = (key, setup)
    _CACHE.move_to_end(game_id)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return setup


def has_orders(game: Game, side: engine.Side) -> bool:
    """Whether `side`'s team had standing orders saved (an expired window then follows them, not the defaults)."""
    return bool(game.home_orders if side is engine.Side.HOME else game.away_orders)


def side_orders(game: Game, side: engine.Side) -> StandingOrders:
    """The standing orders `side` plays `game` by, with the players they name (closer, specialist, depth chart)
    as the game's engine ids (one query, only when they name anyone; a player not in the game is no one)."""
    stored = game.home_orders if side is engine.Side.HOME else game.away_orders
    orders = orders_from_dict(stored or {})
    named = {orders.closer, orders.left_specialist, *(pid for _, players in orders.depth for pid in players)}
    named = {pid for pid in named if pid.isdigit()}
    if not named:
        return orders
    team_id = game.home_team_id if side is engine.Side.HOME else game.away_team_id
    rows = Lineup.objects.filter(game=game, team_id=team_id, player_id__in=[int(pid) for pid in named])
    ids = {str(player_id): str(pk) for pk, player_id in rows.values_list("pk", "player_id")}
    depth = tuple((at, tuple(ids[pid] for pid in players if pid in ids)) for at, players in orders.depth)
    return replace(
        orders, closer=ids.get(orders.closer, ""), left_specialist=ids.get(orders.left_specialist, ""), depth=depth
    )


def setup_to_store(game: Game, setup: engine.GameSetup) -> StoredSetup | None:
    """The `StoredSetup` row to write for `game` when the one it was read with is missing or stale (None when it
    is current)."""
    key, game_id = setup_key(game), str(game.pk)
    if getattr(game, "stored_setup_key", None) == key and game_id not in _UNREADABLE:
        return None
    _UNREADABLE.discard(game_id)
    return StoredSetup(game_id=game.pk, key=key, data=setup_to_dict(setup))
