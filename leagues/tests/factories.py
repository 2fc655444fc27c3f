from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Model

from leagues.league_api.records import LeagueCode
from leagues.models import LEAGUE_CODE_CHOICES, Ballpark, League, Season, Team

M = TypeVar("M", bound=Model)

if TYPE_CHECKING:

    class ModelFactory(factory.django.DjangoModelFactory[M]):
        """For the type checker: calling a factory gives its model's instance (factory_boy's metaclass makes the
        call return ``Meta.model``'s object, which mypy cannot see from the untyped ``__new__``)."""

        def __new__(cls, *args: Any, **kwargs: Any) -> M: ...  # type: ignore[misc]

else:
    ModelFactory = factory.django.DjangoModelFactory


class UserFactory(ModelFactory[User]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")


class LeagueFactory(ModelFactory[League]):
    class Meta:
        model = League
        django_get_or_create = ("code",)

    code = LeagueCode.PD
    name = factory.LazyAttribute(lambda league: dict(LEAGUE_CODE_CHOICES)[league.code])


class SeasonFactory(ModelFactory[Season]):
    class Meta:
        model = Season

    league = factory.SubFactory(LeagueFactory)
    number = factory.Sequence(lambda n: n + 1)


class BallparkFactory(ModelFactory[Ballpark]):
    class Meta:
        model = Ballpark

    name = factory.Sequence(lambda n: f"Park {n}")


class TeamFactory(ModelFactory[Team]):
    class Meta:
        model = Team

    league = factory.SubFactory(LeagueFactory)
    abbreviation = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Team {n}")
    ballpark = factory.SubFactory(BallparkFactory)
