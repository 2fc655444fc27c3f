import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from games import services
from games.models import AuditAction, AuditEntry, GameStatus
from games.tests.factories import GameFactory
from leagues.services import commissioner_add
from leagues.tests.factories import LeagueFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root() -> User:
    return User.objects.create_superuser("root", "root@example.com", "x")


def test_forfeit_records_winner_reason_and_actor(root: User) -> None:
    game = GameFactory(status=GameStatus.ACTIVE)
    services.game_forfeit(game=game, actor=root, reason=" walked off ", winner=game.home_team)
    game.refresh_from_db()
    assert (game.status, game.forfeit_reason, game.forfeit_winner) == ("forfeited", "walked off", game.home_team)
    assert game.finished_at is not None
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.league, entry.details["previous_status"]) == (
        root,
        AuditAction.FORFEIT,
        game.league,
        "active",
    )


@pytest.mark.parametrize("problem", ["no reason", "stranger wins", "already over"])
def test_forfeit_refuses_bad_requests(root: User, problem: str) -> None:
    game = GameFactory(status=GameStatus.COMPLETED if problem == "already over" else GameStatus.ACTIVE)
    winner = TeamFactory(league=game.league) if problem == "stranger wins" else game.away_team
    with pytest.raises(ValidationError):
        services.game_forfeit(game=game, actor=root, reason="" if problem == "no reason" else "x", winner=winner)
    assert not AuditEntry.objects.exists()


def test_commissioner_of_another_league_is_refused() -> None:
    user = UserFactory()
    commissioner_add(user=user, league=LeagueFactory(code="pd"))
    game = GameFactory(league=LeagueFactory(code="sba"))
    with pytest.raises(PermissionDenied):
        services.game_lock(game=game, actor=user)
    services.game_lock(game=GameFactory(league=LeagueFactory(code="pd")), actor=user)
    assert AuditEntry.objects.count() == 1


def test_finished_game_stays_locked(root: User) -> None:
    game = GameFactory(status=GameStatus.FORFEITED, is_locked=True)
    with pytest.raises(ValidationError):
        services.game_unlock(game=game, actor=root)
