"""The engine setup of a game, built from its Lineup rows, their cards and the league's rule options.

Engine player ids are Lineup primary keys as strings, so engine plays map straight back to Lineup rows.
Setups are cached per process keyed by (game id, lineup fingerprint); the fingerprint is read from the
database on every call, so the cache never outlives a lineup change.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from django.db.models import Count, Max

from games import engine
from games.models import Game, Lineup
from leagues.rule_options import LeagueRuleOptions
from players.models import Card, RatingRow

_CACHE: OrderedDict[tuple[str, tuple[int, int]], engine.GameSetup] = OrderedDict()
_CACHE_SIZE = 512


def rule_options_for(options: LeagueRuleOptions, *, hr_number: int, single_number: int) -> engine.RuleOptions:
    """The engine's options for a league (ballpark numbers from the home park)."""
    return engine.RuleOptions(
        innings=options.innings,
        dh=options.dh,
        extra_inning_runner=options.extra_inning_runner,
        mercy_runs=options.mercy_run_margin if options.mercy_rule else None,
        mercy_after_inning=options.mercy_inning or 7,
        resolution=engine.ResolutionMode(options.resolution_mode.value),
        decision_seconds=options.decision_window_seconds,
        location=engine.LocationTable.from_mapping(options.location_tables),
        park=engine.Ballpark(homerun=hr_number, single=single_number),
        injuries=options.injuries,
        rare_plays=options.rare_plays,
    )


def _chances(rows: Iterable[RatingRow], hand: str) -> dict[str, float] | None:
    for row in rows:
        if row.vs_hand == hand:
            return {name: float(value) for name, value in row.chances().items()}
    return None


def _batting(card: Card) -> engine.BatterCard | None:
    rows = list(card.batting_ratings.all())
    vs_left, vs_right = _chances(rows, "L"), _chances(rows, "R")
    if vs_left is None and vs_right is None:
        return None
    fields = {
        "hand": card.bat_hand or "R",
        "running": card.running if card.running is not None else 12,
        "steal_auto": card.steal_auto,
        "steal_jump": float(card.steal_jump or 0),
        "steal_high": card.steal_high or 0,
        "steal_low": card.steal_low or 0,
        "bunting": card.bunting or "C",
        "hit_and_run": card.hit_and_run or "C",
    }
    return engine.BatterCard.from_fields(fields, vs_left or vs_right or {}, vs_right)


def _pitching(card: Card) -> engine.PitcherCard | None:
    rows = list(card.pitching_ratings.all())
    vs_left, vs_right = _chances(rows, "L"), _chances(rows, "R")
    if not card.throw_hand or (vs_left is None and vs_right is None):
        return None
    fields = {
        "hand": card.throw_hand,
        "hold": card.hold or 0,
        "balk": card.balk or 0,
        "wild_pitch": card.wild_pitch or 0,
        "starter_rating": card.starter_rating,
        "relief_rating": card.relief_rating,
        "closer_rating": card.closer_rating,
    }
    return engine.PitcherCard.from_fields(fields, vs_left or vs_right or {}, vs_right)


def _player(row: Lineup) -> engine.Player:
    card = row.card
    if card is None:
        return engine.Player(str(row.pk), row.player.name)
    fielding = {
        engine.Position(rating.position): engine.FielderRating(
            range=rating.range,
            error=rating.error,
            arm=rating.arm or 0,
            passed_ball=rating.passed_ball or 0,
            throwing=rating.throwing or 0,
        )
        for rating in card.positions.all()
        if rating.position != "DH"
    }
    return engine.Player(
        str(row.pk),
        row.player.name,
        batting=_batting(card),
        pitching=_pitching(card),
        fielding=fielding,
        bats=engine.Hand(card.bat_hand) if card.bat_hand else None,
        throws=engine.Hand(card.throw_hand) if card.throw_hand else None,
    )


def _team(name: str, rows: list[Lineup]) -> engine.TeamSetup:
    starters = sorted((r for r in rows if r.is_starter and r.batting_order), key=lambda r: r.batting_order or 0)
    pitchers = [r for r in rows if r.is_starter and r.position == "P"]
    if not pitchers:
        raise ValueError(f"{name}: no starting pitcher")
    return engine.TeamSetup(
        name=name,
        lineup=tuple(engine.LineupSlot(str(r.pk), engine.Position(r.position)) for r in starters),
        pitcher=str(pitchers[0].pk),
        bench=tuple(str(r.pk) for r in rows if not r.is_starter and r.position != "P"),
        bullpen=tuple(str(r.pk) for r in rows if not r.is_starter and r.position == "P"),
    )


def _fingerprint(game: Game) -> tuple[int, int]:
    agg = Lineup.objects.filter(game=game).aggregate(n=Count("id"), top=Max("id"))
    return agg["n"] or 0, agg["top"] or 0


def build_setup(game: Game) -> engine.GameSetup:
    """The engine setup from the database (no cache). Raises ValueError for an unplayable lineup."""
    rows = list(
        Lineup.objects.filter(game=game)
        .select_related("player", "card")
        .prefetch_related("card__batting_ratings", "card__pitching_ratings", "card__positions")
        .order_by("id")
    )
    league = game.league
    park = game.home_team.ballpark
    options = rule_options_for(
        league.rule_options(),
        hr_number=park.hr_number if park else league.park_hr_number,
        single_number=park.single_number if park else league.park_single_number,
    )
    away = _team(game.away_team.abbreviation, [r for r in rows if r.team_id == game.away_team_id])
    home = _team(game.home_team.abbreviation, [r for r in rows if r.team_id == game.home_team_id])
    return engine.GameSetup(options=options, away=away, home=home, players={str(r.pk): _player(r) for r in rows})


def game_setup(game: Game) -> engine.GameSetup:
    """The engine setup of ``game``, from the per-process cache when its lineups have not changed."""
    key = (str(game.pk), _fingerprint(game))
    setup = _CACHE.get(key)
    if setup is None:
        setup = build_setup(game)
        _CACHE[key] = setup
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return setup
