import factory
from django.contrib.auth import get_user_model

from leagues.league_api.records import LeagueCode
from leagues.models import LEAGUE_CODE_CHOICES, Ballpark, League, Season, Team


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")


class LeagueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = League
        django_get_or_create = ("code",)

    code = LeagueCode.PD
    name = factory.LazyAttribute(lambda league: dict(LEAGUE_CODE_CHOICES)[league.code])


class SeasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Season

    league = factory.SubFactory(LeagueFactory)
    number = factory.Sequence(lambda n: n + 1)


class BallparkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ballpark

    name = factory.Sequence(lambda n: f"Park {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    league = factory.SubFactory(LeagueFactory)
    abbreviation = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Team {n}")
    ballpark = factory.SubFactory(BallparkFactory)
