"""Writes for leagues, all in this module: commissioners and their permission groups, team managers matched by
Discord id, the demo data, and the league data import (`league_import`, below).

The league data import upserts the records of `leagues.league_api` into the league and player models.

`league_import` is the entry point (`manage.py import_league_data` is a thin shell around it). Rows are matched by
the natural keys of shared/league_api/API_SHAPES.md ("Importer notes"): PD player `player_id`, cardset id, card
(player, cardset, variant), rating row (card, vs_hand), position (card, position); SBA team and player `id` (per
season). A second run with the same data changes nothing. Each batch is one transaction and each player in it one
savepoint: a record the database refuses is reported and the others are still written. A dry run does all of it
inside one transaction and rolls it back, so its counts are what a real run would do.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from enum import Enum
from functools import partial
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AbstractUser, Group, Permission
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models import Q

from games.engine.enums import ResolutionMode
from leagues.league_api.client import FileSource, LeagueSource, PdApi, SbaApi
from leagues.league_api.fetch import PdPlayerFetch, SbaSeasonFetch
from leagues.league_api.importer import Action, ImportReport, Progress, Written, import_pd, import_sba
from leagues.league_api.records import (
    ImportProblem,
    LeagueCode,
    ParseBatch,
    PdBattingCardRecord,
    PdPitchingCardRecord,
    PdPlayerRecord,
    PdRatingRow,
    SbaPlayerRecord,
    SbaTeamRecord,
    Severity,
    SituationalRatings,
)
from leagues.league_api.sba_cards import CardKind, SbaCardRecord
from leagues.models import Ballpark, League, LeagueCommissioner, Season, Team
from leagues.schedule import schedule_demo
from players.demo_cards import DemoLeague, DemoPlayer, DemoTeam, demo_league
from players.models import BattingRating, Card, Cardset, PitchingRating, Player, PositionRating

DEMO_SUPERUSER = "demo"

# (app_label, model) -> permission actions granted to every league's commissioners.
COMMISSIONER_PERMISSIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("leagues", "league"): ("view", "change"),
    ("leagues", "season"): ("view", "add", "change"),
    ("leagues", "ballpark"): ("view",),
    ("leagues", "team"): ("view", "add", "change"),
    ("leagues", "series"): ("view", "add", "change", "delete"),
    ("leagues", "scheduledgame"): ("view", "add", "change", "delete"),
    ("players", "player"): ("view", "add", "change"),
    ("players", "cardset"): ("view", "add", "change"),
    ("players", "card"): ("view", "add", "change"),
    ("players", "battingrating"): ("view", "add", "change"),
    ("players", "pitchingrating"): ("view", "add", "change"),
    ("players", "positionrating"): ("view", "add", "change"),
    ("games", "game"): ("view", "add", "change"),
    ("games", "lineup"): ("view", "add", "change"),
    ("games", "play"): ("view",),
    ("games", "gamecardsetlink"): ("view", "add", "change", "delete"),
    ("games", "rosterlink"): ("view", "add", "change", "delete"),
    ("games", "gamesession"): ("view",),
    ("games", "auditentry"): ("view",),
    ("outbox", "outboxmessage"): ("view", "change"),
}


def commissioner_group_for(league: League) -> Group:
    """The permission group of `league`'s commissioners, created (or its permissions refreshed) on demand.
    Which rows they reach is decided by LeagueCommissioner links, not by the group."""
    group, _ = Group.objects.get_or_create(name=f"Commissioners: {league.code.upper()}")
    wanted = Q(pk__in=[])
    for (app_label, model), actions in COMMISSIONER_PERMISSIONS.items():
        codenames = [f"{action}_{model}" for action in actions]
        wanted |= Q(content_type__app_label=app_label, content_type__model=model, codename__in=codenames)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


@transaction.atomic
def commissioner_add(*, user: AbstractUser, league: League) -> LeagueCommissioner:
    """Makes `user` a commissioner of `league`: the link, the league's group and staff access. Idempotent."""
    link, _ = LeagueCommissioner.objects.get_or_create(user=user, league=league)
    user.groups.add(commissioner_group_for(league))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return link


@transaction.atomic
def commissioner_remove(*, user: AbstractUser, league: League) -> None:
    """Ends `user`'s commission of `league`: the link and the league's group go; staff status stays."""
    LeagueCommissioner.objects.filter(user=user, league=league).delete()
    user.groups.remove(commissioner_group_for(league))


def team_managers_link_discord(*, user: AbstractBaseUser, discord_id: str) -> list[Team]:
    """Adds `user` to the managers of every team whose GM (`gm_discord_id` or `gm2_discord_id`) is `discord_id`;
    returns those teams. Idempotent; never removes a manager (a GM change is made in the admin)."""
    discord_id = discord_id.strip()
    if not discord_id:
        return []
    teams = list(Team.objects.filter(Q(gm_discord_id=discord_id) | Q(gm2_discord_id=discord_id)).order_by("pk"))
    for team in teams:
        team.managers.add(user)
    return teams


@dataclass(frozen=True)
class DemoLoadResult:
    """What `demo_load` did: `password` is the demo superuser's new password, None when it already existed."""

    password: str | None
    leagues: int
    teams: int
    players: int
    cards: int
    seasons: tuple[Season, ...] = ()


def _demo_league(demo: DemoLeague) -> tuple[League, Season]:
    league, _ = League.objects.update_or_create(
        code=demo.code,
        defaults={"name": demo.name, "resolution_mode": demo.resolution_mode, "injuries": demo.injuries},
    )
    has_current = league.seasons.filter(is_current=True).exclude(number=demo.season).exists()
    season, _ = Season.objects.get_or_create(
        league=league, number=demo.season, defaults={"is_current": not has_current}
    )
    return league, season


def _demo_team(league: League, season: Season, demo: DemoTeam) -> Team:
    ballpark, _ = Ballpark.objects.update_or_create(
        name=demo.ballpark.name,
        defaults={"hr_number": demo.ballpark.hr_number, "single_number": demo.ballpark.single_number},
    )
    team, _ = Team.objects.update_or_create(
        league=league,
        external_id=demo.external_id,
        defaults={
            "season": season,
            "abbreviation": demo.abbreviation,
            "name": demo.name,
            "short_name": demo.short_name,
            "color": demo.color,
            "dice_color": demo.dice_color,
            "ballpark": ballpark,
            "stadium": ballpark.name,
            "gm_discord_id": demo.gm_discord_id,
        },
    )
    manager, created = get_user_model().objects.get_or_create(
        username=f"demo-{league.code}-{demo.abbreviation}".lower()
    )
    if created:
        manager.set_unusable_password()
        manager.save(update_fields=["password"])
    team.managers.add(manager)
    return team


def _demo_card(player: Player, cardset: Cardset, demo: DemoPlayer) -> Card:
    batting, pitching = demo.batting, demo.pitching
    card, _ = Card.objects.update_or_create(
        player=player,
        cardset=cardset,
        variant=0,
        defaults={
            "rarity": demo.rarity,
            "rarity_name": demo.rarity_name,
            "cost": demo.cost,
            "bat_hand": batting.hand,
            "running": batting.running,
            "steal_auto": batting.steal_auto,
            "steal_jump": batting.steal_jump,
            "steal_high": batting.steal_high,
            "steal_low": batting.steal_low,
            "bunting": batting.bunting,
            "hit_and_run": batting.hit_and_run,
            "offense_col": batting.offense_col,
            "throw_hand": pitching.hand if pitching else "",
            "hold": pitching.hold if pitching else None,
            "balk": pitching.balk if pitching else None,
            "wild_pitch": pitching.wild_pitch if pitching else None,
            "starter_rating": pitching.starter_rating if pitching else None,
            "relief_rating": pitching.relief_rating if pitching else None,
            "closer_rating": pitching.closer_rating if pitching else None,
            "pitcher_batting": pitching.batting if pitching else "",
        },
    )
    for vs_hand, chances in batting.ratings.items():
        BattingRating.objects.update_or_create(card=card, vs_hand=vs_hand, defaults=chances)
    for vs_hand, chances in (pitching.ratings if pitching else {}).items():
        PitchingRating.objects.update_or_create(card=card, vs_hand=vs_hand, defaults=chances)
    for position in demo.fielding:
        PositionRating.objects.update_or_create(
            card=card, position=position.position, defaults={**asdict(position), "position": position.position}
        )
    return card


def _demo_superuser() -> str | None:
    """Creates the `demo` superuser with a random password (returned); None when it already exists."""
    user_model = get_user_model()
    if user_model.objects.filter(username=DEMO_SUPERUSER).exists():
        return None
    password = secrets.token_urlsafe(12)
    user_model.objects.create_superuser(DEMO_SUPERUSER, email="", password=password)
    return password


@transaction.atomic
def demo_load() -> DemoLoadResult:
    """Loads the demo leagues (PD auto, SBA manual) with a current season, ballparks, teams and their managers,
    cardsets, players and cards with ratings and positions, the season's schedule (`schedule_demo`), plus the
    `demo` superuser. Idempotent: rows are upserted by natural key, so a second run changes nothing."""
    counts = {"teams": 0, "players": 0, "cards": 0}
    demo_seasons: list[Season] = []
    for code in (LeagueCode.PD, LeagueCode.SBA):
        demo = demo_league(code)
        league, season = _demo_league(demo)
        cardsets = {
            cardset.name: Cardset.objects.update_or_create(
                league=league,
                name=cardset.name,
                defaults={"description": cardset.description, "ranked_legal": cardset.ranked_legal},
            )[0]
            for cardset in demo.cardsets
        }
        is_sba = code == LeagueCode.SBA
        for demo_team in demo.teams:
            team = _demo_team(league, season, demo_team)
            counts["teams"] += 1
            for demo_player in demo_team.players:
                player, _ = Player.objects.update_or_create(
                    league=league,
                    external_id=demo_player.external_id,
                    defaults={
                        "name": demo_player.name,
                        "team": team,
                        "positions": list(demo_player.positions),
                        "mlb_club": team.name,
                        "season": season.number if is_sba else None,
                        "wara": demo_player.wara if is_sba else None,
                        "injury_rating": demo_player.injury_rating if is_sba else "",
                        "pitcher_injury": demo_player.pitcher_injury if is_sba else None,
                    },
                )
                _demo_card(player, cardsets[demo_player.cardset], demo_player)
                counts["players"] += 1
                counts["cards"] += 1
        schedule_demo(season=season)
        demo_seasons.append(season)
    return DemoLoadResult(password=_demo_superuser(), leagues=2, seasons=tuple(demo_seasons), **counts)


# -- league data import ------------------------------------------------------------------------------------------

M = TypeVar("M", bound=models.Model)

LEAGUE_DEFAULTS: dict[LeagueCode, dict[str, Any]] = {
    LeagueCode.PD: {"name": "Paper Dynasty", "resolution_mode": ResolutionMode.AUTO.value},
    LeagueCode.SBA: {
        "name": "Strat-O-Matic Baseball Association",
        "resolution_mode": ResolutionMode.MANUAL.value,
        "injuries": True,
    },
}
DEFAULT_BATCH_SIZE = 50
DEFAULT_WORKERS = 4


def upsert(model: type[M], lookup: Mapping[str, Any], values: Mapping[str, Any]) -> tuple[M, Action]:
    """The row matching `lookup`, created with `values` or updated to them; UNCHANGED when nothing differs."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        return model._default_manager.create(**lookup, **values), Action.CREATED
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if not changed:
        return row, Action.UNCHANGED
    for name in changed:
        setattr(row, name, values[name])
    row.save(update_fields=changed)
    return row, Action.UPDATED


def _text(value: object) -> str:
    """ "" for None, an enum's value, or the value as a string."""
    if isinstance(value, Enum):
        value = value.value
    return "" if value is None else str(value)


def _situational(ratings: SituationalRatings) -> dict[str, Any]:
    return {
        "running": ratings.running,
        "steal_auto": ratings.steal_auto,
        "steal_jump": ratings.steal_jump,
        "steal_high": ratings.steal_high,
        "steal_low": ratings.steal_low,
        "bunting": _text(ratings.bunting),
        "hit_and_run": _text(ratings.hit_and_run),
    }


def _rating_rows(model: type[BattingRating] | type[PitchingRating], card: Card, rows: Iterable[PdRatingRow]) -> Written:
    kind = "batting rating" if model is BattingRating else "pitching rating"
    for row in rows:
        values: dict[str, Any] = dict(row.chances)
        values |= {"external_id": _text(row.id)}
        values |= {name: getattr(row, name) for name in ("avg", "obp", "slg") if getattr(row, name) is not None}
        if model is BattingRating:
            rates = ("pull_rate", "center_rate", "slap_rate")
            values |= {name: getattr(row, name) for name in rates if getattr(row, name) is not None}
        yield kind, upsert(model, {"card": card, "vs_hand": row.vs_hand.value}, values)[1]


def _prune_positions(card: Card, kept: set[str]) -> Written:
    """Deletes the card's position ratings the league no longer lists."""
    count, _ = card.positions.exclude(position__in=kept).delete()
    yield from (("position rating", Action.DELETED) for _ in range(count))


class ModelSink:
    """Writes league records into the models of one league (see `leagues.league_api.importer` for the protocol)."""

    def __init__(self, league: League) -> None:
        self.league = league

    def _guarded(self, source: str, record_id: str, write: Callable[[], Written]) -> Written:
        """One record's writes in a savepoint: a database refusal rolls back just them and becomes a problem."""
        try:
            with transaction.atomic():
                return list(write())
        except (DatabaseError, ValidationError) as exc:
            return [ImportProblem(source, record_id, None, f"not written: {exc}".strip())]

    # ------------------------------------------------------------ PD

    def write_pd_players(self, fetched: Sequence[PdPlayerFetch]) -> Written:
        for item in fetched:
            yield from self._guarded(f"pd players/{item.player_id}", str(item.player_id), partial(self._pd, item))

    def _pd_cardset(self, record: PdPlayerRecord) -> tuple[Cardset, Action]:
        lookup = {"league": self.league, "external_id": str(record.cardset_id)}
        if record.cardset is None:
            existing = Cardset.objects.filter(**lookup).first()
            if existing is not None:
                return existing, Action.UNCHANGED
            return upsert(Cardset, lookup, {"name": f"PD cardset {record.cardset_id}"})
        cardset = record.cardset
        Cardset.objects.filter(league=self.league, name=cardset.name, external_id="").update(
            external_id=lookup["external_id"]
        )
        values = {
            "name": cardset.name,
            "description": _text(cardset.description),
            "event": _text(cardset.event),
            "for_purchase": bool(cardset.for_purchase),
            "in_packs": bool(cardset.in_packs),
            "total_cards": cardset.total_cards,
            "ranked_legal": bool(cardset.ranked_legal),
        }
        return upsert(Cardset, lookup, values)

    def _pd(self, item: PdPlayerFetch) -> Written:
        record = item.player
        assert record is not None
        cardset, action = self._pd_cardset(record)
        yield "cardset", action
        player, action = upsert(
            Player,
            {"league": self.league, "external_id": str(record.player_id)},
            {
                "name": record.name,
                "positions": [position.value for position in record.positions],
                "image": _text(record.image),
                "image2": _text(record.image2),
                "headshot": _text(record.headshot),
                "vanity_card": _text(record.vanity_card),
                "strat_code": _text(record.strat_code),
                "bbref_id": _text(record.bbref_id),
                "fangraphs_id": _text(record.fangr_id),
                "mlb_club": _text(record.mlbclub),
                "franchise": _text(record.franchise),
            },
        )
        yield "player", action
        batting = {card.variant: card for card in item.batting_cards}
        pitching = {card.variant: card for card in item.pitching_cards}
        variants = sorted({*batting, *pitching, *(row.variant for row in item.positions)}) or [0]
        cards: dict[int, Card] = {}
        for variant in variants:
            values = self._pd_card_values(record, batting.get(variant), pitching.get(variant))
            cards[variant], action = upsert(Card, {"player": player, "cardset": cardset, "variant": variant}, values)
            yield "card", action
            for model, by_variant in ((BattingRating, batting), (PitchingRating, pitching)):
                if (card := by_variant.get(variant)) is not None:
                    yield from _rating_rows(model, cards[variant], (card.vs_left, card.vs_right))
        for row in item.positions:
            values = {
                "external_id": _text(row.id),
                "innings": row.innings or 0,
                "range": row.range,
                "error": row.error,
                "arm": row.arm,
                "passed_ball": row.pb,
                "throwing": row.overthrow,
            }
            lookup = {"card": cards[row.variant], "position": row.position.value}
            yield "position rating", upsert(PositionRating, lookup, values)[1]
        if item.positions_complete:
            for variant, card in cards.items():
                kept = {row.position.value for row in item.positions if row.variant == variant}
                yield from _prune_positions(card, kept)

    @staticmethod
    def _pd_card_values(
        record: PdPlayerRecord, batting: PdBattingCardRecord | None, pitching: PdPitchingCardRecord | None
    ) -> dict[str, Any]:
        values: dict[str, Any] = {"image_url": _text(record.image), "cost": record.cost}
        if record.rarity is not None:
            values |= {
                "rarity": record.rarity.value,
                "rarity_name": _text(record.rarity.name),
                "rarity_color": _text(record.rarity.color),
            }
        if batting is not None:
            values |= {
                "batting_card_external_id": str(batting.id),
                "bat_hand": batting.hand.value,
                "offense_col": batting.offense_col,
                **_situational(batting.situational),
            }
        if pitching is not None:
            values |= {
                "pitching_card_external_id": str(pitching.id),
                "throw_hand": pitching.hand.value,
                "hold": pitching.hold,
                "balk": pitching.balk,
                "wild_pitch": pitching.wild_pitch,
                "starter_rating": pitching.starter_rating,
                "relief_rating": pitching.relief_rating,
                "closer_rating": pitching.closer_rating,
                "pitcher_batting": _text(pitching.batting),
            }
        return values

    # ------------------------------------------------------------ SBA

    def write_sba_season(self, season: SbaSeasonFetch) -> Written:
        season_row, created = Season.objects.get_or_create(league=self.league, number=season.season)
        yield "season", Action.CREATED if created else Action.UNCHANGED
        for team in season.teams:
            yield from self._guarded("sba teams", str(team.id), partial(self._sba_team, team, season_row))
        teams = dict(
            Team.objects.filter(
                league=self.league, external_id__in=[str(team.id) for team in season.teams]
            ).values_list("external_id", "pk")
        )
        for player in season.players:
            yield from self._guarded("sba players", str(player.id), partial(self._sba_player, player, teams))
        yield from (("roster section", Action.CHECKED) for _ in season.rosters)

    def _sba_team(self, team: SbaTeamRecord, season: Season) -> Written:
        values: dict[str, Any] = {
            "season": season,
            "abbreviation": team.abbrev,
            "name": team.lname or team.sname or team.abbrev,
            "short_name": _text(team.sname),
            "color": _text(team.color),
            "dice_color": _text(team.dice_color),
            "stadium": _text(team.stadium),
            "thumbnail": _text(team.thumbnail),
            "salary_cap": team.salary_cap,
            "gm_discord_id": _text(team.gmid),
            "gm2_discord_id": _text(team.gmid2),
        }
        if team.division is not None or team.division_id is None:
            division = team.division
            values |= {
                "division_name": _text(division and division.division_name),
                "division_abbrev": _text(division and division.division_abbrev),
            }
        for field, manager_id, manager in (
            ("manager1_name", team.manager1_id, team.manager1),
            ("manager2_name", team.manager2_id, team.manager2),
        ):
            if manager is not None or manager_id is None:
                values[field] = _text(manager and manager.name)
        yield "team", upsert(Team, {"league": self.league, "external_id": str(team.id)}, values)[1]

    def _sba_player(self, player: SbaPlayerRecord, teams: Mapping[str, int]) -> Written:
        team_id = None if player.team_id is None else teams.get(str(player.team_id))
        if player.team_id is not None and team_id is None:
            yield ImportProblem("sba players", str(player.id), "team", f"team {player.team_id} was not imported")
            return
        values: dict[str, Any] = {
            "name": player.name,
            "team_id": team_id,
            "positions": [position.value for position in player.positions],
            "image": _text(player.image),
            "image2": _text(player.image2),
            "headshot": _text(player.headshot),
            "vanity_card": _text(player.vanity_card),
            "strat_code": _text(player.strat_code),
            "bbref_id": _text(player.bbref_id),
            "season": player.season,
            "sbaplayer_id": _text(player.sbaplayer_id),
            "wara": player.wara,
            "injury_rating": _text(player.injury_rating),
            "pitcher_injury": player.pitcher_injury,
        }
        if player.sbaplayer is not None:
            values["fangraphs_id"] = _text(player.sbaplayer.key_fangraphs)
        yield "player", upsert(Player, {"league": self.league, "external_id": str(player.id)}, values)[1]

    def write_sba_cards(self, season: int, cards: Sequence[SbaCardRecord]) -> Written:
        """A player's batter and pitcher cards fold into one Card of the season's cardset."""
        cardset, action = upsert(
            Cardset, {"league": self.league, "external_id": f"season-{season}"}, {"name": f"SBA season {season}"}
        )
        yield "cardset", action
        by_player: dict[int, list[SbaCardRecord]] = defaultdict(list)
        for card in cards:
            by_player[card.player_id].append(card)
        for player_id, player_cards in by_player.items():
            yield from self._guarded("sba cards", str(player_id), partial(self._sba_card, cardset, player_cards))
        if any(card.numbers_vs_left or card.numbers_vs_right for card in cards):
            yield ImportProblem(
                "sba cards",
                None,
                "vl_*/vr_*",
                "result numbers are checked but not stored (no model fields)",
                Severity.NOTE,
            )

    def _sba_card(self, cardset: Cardset, cards: Sequence[SbaCardRecord]) -> Written:
        player = Player.objects.get(league=self.league, external_id=str(cards[0].player_id))
        values: dict[str, Any] = {}
        for card in cards:
            if card.kind is CardKind.BATTER and card.situational is not None:
                values |= {"bat_hand": _text(card.bats), **_situational(card.situational)}
            elif card.kind is CardKind.PITCHER:
                values |= {
                    "throw_hand": _text(card.throws),
                    "hold": card.hold,
                    "balk": card.balk,
                    "wild_pitch": card.wild_pitch,
                    "starter_rating": card.starter,
                    "relief_rating": card.relief,
                    "closer_rating": card.closer,
                    "pitcher_batting": _text(card.batting),
                }
                values.setdefault("bat_hand", _text(card.bats))
        row, action = upsert(Card, {"player": player, "cardset": cardset, "variant": 0}, values)
        yield "card", action
        for card in cards:
            model = BattingRating if card.kind is CardKind.BATTER else PitchingRating
            yield from _rating_rows(model, row, (r for r in (card.chances_vs_left, card.chances_vs_right) if r))
            for fielding in card.fielding:
                fielding_values = {
                    "range": fielding.range,
                    "error": fielding.error,
                    "arm": fielding.arm,
                    "passed_ball": fielding.passed_ball,
                    "throwing": fielding.throwing,
                }
                lookup = {"card": row, "position": fielding.position.value}
                yield "position rating", upsert(PositionRating, lookup, fielding_values)[1]
        yield from _prune_positions(row, {fielding.position.value for card in cards for fielding in card.fielding})


def league_import(
    *,
    league_code: LeagueCode | str,
    source: LeagueSource,
    player_ids: Iterable[int] | None = None,
    season: int | None = None,
    cards: ParseBatch[SbaCardRecord] | None = None,
    rosters: bool = True,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = DEFAULT_WORKERS,
    progress: Progress | None = None,
) -> ImportReport:
    """Imports one league's data from `source` and reports what it did.

    PD: the players `player_ids` (default: every `players/<id>` a `FileSource` holds; PD has no listing endpoint),
    fetched `workers` at a time.
    SBA: `season`'s teams and players (rosters checked when `rosters`), then `cards` from an SBA card file.
    Raises ValueError for a request that cannot run; a `LeagueApiError` (league unreachable) stops the import after
    the batches already committed.
    """
    code = LeagueCode(league_code)
    if code is LeagueCode.PD and player_ids is None:
        if not isinstance(source, FileSource):
            raise ValueError("PD has no player listing endpoint: name the player ids to import")
        player_ids = source.ids("players")
    if code is LeagueCode.SBA and season is None:
        raise ValueError("an SBA import needs a season")
    with transaction.atomic() if dry_run else nullcontext():
        league, _ = League.objects.get_or_create(code=code.value, defaults=LEAGUE_DEFAULTS[code])
        sink = ModelSink(league)
        options = {"batch_context": transaction.atomic, "progress": progress, "dry_run": dry_run}
        if code is LeagueCode.PD:
            assert player_ids is not None
            report = import_pd(PdApi(source), player_ids, sink, batch_size=batch_size, workers=workers, **options)
        else:
            assert season is not None
            report = import_sba(SbaApi(source), season, sink, cards=cards, rosters=rosters, **options)
        if dry_run:
            transaction.set_rollback(True)
    return report
