import factory

from games.models import Game, Lineup, Play
from leagues.tests.factories import LeagueFactory, ModelFactory, TeamFactory
from players.tests.factories import PlayerFactory


class GameFactory(ModelFactory[Game]):
    class Meta:
        model = Game

    league = factory.SubFactory(LeagueFactory)
    home_team = factory.SubFactory(TeamFactory, league=factory.SelfAttribute("..league"))
    away_team = factory.SubFactory(TeamFactory, league=factory.SelfAttribute("..league"))


class LineupFactory(ModelFactory[Lineup]):
    class Meta:
        model = Lineup

    game = factory.SubFactory(GameFactory)
    team = factory.SelfAttribute("game.home_team")
    player = factory.SubFactory(PlayerFactory, league=factory.SelfAttribute("..game.league"))
    position = "SS"
    batting_order = 1


class PlayFactory(ModelFactory[Play]):
    class Meta:
        model = Play

    game = factory.SubFactory(GameFactory)
    play_number = factory.Sequence(lambda n: n + 1)
    inning = 1
    half = "top"
