"""The demo data: two leagues on generated cards, one manager per team, a demo superuser."""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from leagues.league_api.records import (
    LeagueCode,
)
from leagues.models import Ballpark, League, Season, Team
from leagues.schedule import schedule_demo
from players.demo_cards import DemoLeague, DemoPlayer, DemoTeam, demo_league
from players.models import BattingRating, Card, Cardset, PitchingRating, Player, PositionRating

DEMO_SUPERUSER = "demo"


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
