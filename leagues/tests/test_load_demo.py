"""`load_demo` loads valid data and is idempotent."""

import hashlib
import json
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from leagues.models import League, ScheduledGame, Team
from players.models import BattingRating, Card, PitchingRating, Player, PositionRating

pytestmark = pytest.mark.django_db
DEMO_MODELS = [
    *apps.get_app_config("leagues").get_models(),
    *apps.get_app_config("players").get_models(),
]


def _load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _snapshot() -> tuple[dict[str, int], str]:
    counts = {model.__name__: model._default_manager.count() for model in DEMO_MODELS}
    digest = hashlib.sha256()
    for model in DEMO_MODELS:
        for row in model._default_manager.order_by("pk").values():
            digest.update(json.dumps(row, sort_keys=True, default=str).encode())
    users = get_user_model().objects.order_by("pk").values_list("username", "is_superuser", "password")
    digest.update(json.dumps(list(users)).encode())
    return counts, digest.hexdigest()


def test_load_demo_twice_gives_the_same_data() -> None:
    first_output = _load()
    first = _snapshot()
    second_output = _load()
    assert _snapshot() == first
    assert "Created superuser 'demo' with password: " in first_output
    assert "already exists" in second_output
    assert "password:" not in second_output


def test_demo_data_is_complete_and_valid() -> None:
    _load()
    assert {league.code: league.resolution_mode for league in League.objects.all()} == {"pd": "auto", "sba": "manual"}
    assert League.objects.get(code="sba").injuries
    for league in League.objects.all():
        assert league.seasons.get(is_current=True)
        assert league.cardsets.exists()
    for team in Team.objects.all():
        assert team.players.count() == 26
        assert team.ballpark is not None
        assert team.managers.count() == 1
    assert Card.objects.count() == Player.objects.count() == 208
    for row in [*BattingRating.objects.all(), *PitchingRating.objects.all()]:
        assert row.chance_errors() == {}, row
    assert PitchingRating.objects.count() == 2 * 13 * 8
    for model in (Card, PositionRating):
        for obj in model.objects.all()[:50]:
            obj.full_clean()
    demo = get_user_model().objects.get(username="demo")
    assert demo.is_superuser


def test_the_demo_seasons_have_a_balanced_schedule_from_week_one() -> None:
    _load()
    for league in League.objects.all():
        season = league.seasons.get(is_current=True)
        assert season.current_week == 1
        assert sorted(set(season.series.values_list("week", flat=True))) == list(range(1, 7))
        for team in league.teams.all():
            home = ScheduledGame.objects.filter(series__season=season, home_team=team).count()
            away = ScheduledGame.objects.filter(series__season=season, away_team=team).count()
            assert (home, away) == (9, 9)


def test_play_weeks_is_checked() -> None:
    with pytest.raises(CommandError):
        call_command("load_demo", "--play-weeks", "9", stdout=StringIO())
    assert not League.objects.exists()


def test_play_weeks_plays_a_season_up_to_that_week_once() -> None:
    from games.models import Game, GameStatus

    call_command("load_demo", "--play-weeks", "1", stdout=StringIO())
    played = Game.objects.filter(scheduled__isnull=False).count()
    assert played == ScheduledGame.objects.filter(series__week=1).count() > 0
    assert set(Game.objects.values_list("status", flat=True)) == {GameStatus.COMPLETED}
    call_command("load_demo", "--play-weeks", "1", stdout=StringIO())  # scripts/run again: nothing more is played
    assert Game.objects.count() == played
    assert {season.current_week for league in League.objects.all() for season in league.seasons.all()} == {2}
