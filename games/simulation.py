"""Simulation on the demo cards (pure: no Django, no database): the adapter from ``players.demo_cards`` to engine
setups, and the runs behind ``manage.py simulate``.

Card ids are the demo players' ``external_id`` (``demo-pd-0001`` ...), the ids ``load_demo`` stores. A team's
default lineup puts the best available player at each position (hitting plus fielding, scarce positions first),
the best remaining hitter at DH when the league uses it, and orders the batters by on-base and power; its five
starters rotate (the team's game n uses starter n mod 5) and its relievers and closer form the bullpen.
Both leagues are simulated with automatic resolution: the demo cards carry numeric ratings for SBA too.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

from games.engine.ai import Personality, ai_chooser, choose_lineup
from games.engine.cards import CARD_FIELDS, BatterCard, FielderRating, PitcherCard, batting_side
from games.engine.dice import SeededDice
from games.engine.enums import Outcome, Position, ResolutionMode
from games.engine.fatigue import injury_column, injury_table
from games.engine.options import Ballpark, RuleOptions
from games.engine.simulation import TALLIES, BattingTotals, GameResult, at_bat_state, play_game, play_matchup
from games.engine.state import GameSetup, LineupSlot, Player, TeamSetup
from players.demo_cards import DemoPlayer, DemoTeam, demo_league

LEAGUES = ("pd", "sba")
ROTATION = 5
_OUTCOME_OF = {name: outcome for name, outcome, _ in CARD_FIELDS}


class UnknownCard(ValueError):
    """A card id that is not in the demo data, or not of the kind asked for."""


def league_options(code: str) -> RuleOptions:
    """The rule options a league's demo games are simulated under (automatic resolution)."""
    if code == "pd":
        return replace(RuleOptions.pd(), win_table=code)
    if code == "sba":
        return replace(RuleOptions.sba(), resolution=ResolutionMode.AUTO, win_table=code)
    raise ValueError(f"unknown league {code!r}: use one of {', '.join(LEAGUES)}")


BATTING_CARD_FIELDS = (
    *("hand", "running", "steal_auto", "steal_jump", "steal_high", "steal_low"),
    *("bunting", "hit_and_run"),
)
PITCHING_CARD_FIELDS = ("hand", "hold", "balk", "wild_pitch", "starter_rating", "relief_rating", "closer_rating")


def _card_fields(card: object, names: tuple[str, ...]) -> dict[str, object]:
    values = {name: getattr(card, name) for name in names}
    return {name: float(value) if isinstance(value, Decimal) else value for name, value in values.items()}


def _splits(ratings: Mapping[str, Mapping[str, Decimal]]) -> tuple[dict[str, float], dict[str, float]]:
    """The (vs left, vs right) rating rows as floats."""
    left, right = ({name: float(value) for name, value in ratings[vs].items()} for vs in ("L", "R"))
    return left, right


def engine_player(demo: DemoPlayer) -> Player:
    """The engine's view of a demo player: cards, fielding ratings by position and (pitchers) the SBA injury
    ratings (column, pitcher injury rating, series games)."""
    bat = demo.batting
    batting = BatterCard.from_fields(_card_fields(bat, BATTING_CARD_FIELDS), *_splits(bat.ratings))
    pitching = None
    if demo.pitching is not None:
        pit = demo.pitching
        pitching = PitcherCard.from_fields(_card_fields(pit, PITCHING_CARD_FIELDS), *_splits(pit.ratings))
    fielding = {
        Position(rating.position): FielderRating(
            range=rating.range,
            error=rating.error,
            arm=rating.arm or 0,
            passed_ball=rating.passed_ball or 0,
            throwing=rating.throwing or 0,
        )
        for rating in demo.fielding
    }
    return Player(
        demo.external_id,
        demo.name,
        batting=batting,
        pitching=pitching,
        fielding=fielding,
        injury_rating=injury_column(demo.injury_rating) if demo.pitching is not None else None,
        pitcher_injury=demo.pitcher_injury if demo.pitching is not None else None,
        series_games=injury_table(demo.injury_rating) if demo.pitching is not None else 1,
    )


@dataclass(frozen=True)
class TeamPlan:
    """A demo team's default alignment: batting order (pitcher's slot as None without the DH), rotation,
    bullpen and bench (player ids), and its ballpark."""

    name: str
    order: tuple[tuple[str | None, Position], ...]
    rotation: tuple[str, ...]
    bullpen: tuple[str, ...]
    bench: tuple[str, ...]
    park: Ballpark

    def setup(self, game_number: int, starter: str | None = None) -> TeamSetup:
        """The team for its ``game_number``-th game (0-based): starter ``game_number mod 5`` unless given."""
        pitcher = starter or self.rotation[game_number % len(self.rotation)]
        lineup = tuple(LineupSlot(pid or pitcher, position) for pid, position in self.order)
        pitchers = (*self.rotation, *self.bullpen)
        bullpen = tuple(pid for pid in pitchers if pid != pitcher and pid in self.bullpen)
        return TeamSetup(self.name, lineup, pitcher, self.bench, bullpen)


def team_plan(team: DemoTeam, *, dh: bool, players: Mapping[str, Player] | None = None) -> TeamPlan:
    """The default alignment of a demo team (see the module docstring; the lineup comes from
    :func:`games.engine.ai.choose_lineup`). ``players`` are the engine's views of the demo players (built when
    not given)."""
    hitters = [p for p in team.players if not p.is_pitcher]
    views = [players[p.external_id] if players else engine_player(p) for p in hitters]
    options = RuleOptions(dh=dh)
    lineup = choose_lineup(views, options, None, pitcher=None if dh else "").lineup
    order: list[tuple[str | None, Position]] = [(slot.player or None, slot.position) for slot in lineup]
    in_lineup = {pid for pid, _ in order if pid}
    pitchers = [p for p in team.players if p.is_pitcher]
    rotation = tuple(p.external_id for p in pitchers if p.positions[0] == "SP")
    bullpen = tuple(p.external_id for p in pitchers if p.positions[0] != "SP")
    bench = tuple(p.external_id for p in hitters if p.external_id not in in_lineup)
    return TeamPlan(
        team.name,
        tuple(order),
        rotation,
        bullpen,
        bench,
        Ballpark(homerun=team.ballpark.hr_number, single=team.ballpark.single_number),
    )


@dataclass(frozen=True)
class SimLeague:
    """A demo league ready to simulate: rule options, every player's engine view and each team's plan."""

    code: str
    options: RuleOptions
    players: Mapping[str, Player]
    demo_players: Mapping[str, DemoPlayer]
    teams: tuple[TeamPlan, ...]
    team_of: Mapping[str, int]

    def pairing(self, game: int) -> tuple[int, int]:
        """(away, home) team indexes of the league's ``game``-th game: every ordered pair in turn."""
        count = len(self.teams)
        pairs = [(away, home) for away in range(count) for home in range(count) if away != home]
        return pairs[game % len(pairs)]

    def game_setup(self, away: TeamSetup, home: TeamSetup, park: Ballpark) -> GameSetup:
        return GameSetup(replace(self.options, park=park), away, home, self.players)


@cache
def sim_league(code: str) -> SimLeague:
    """The demo league ``code`` (``pd`` or ``sba``) as an engine-ready league (built once per process)."""
    options = league_options(code)
    demo = demo_league(code)
    demo_players = {p.external_id: p for team in demo.teams for p in team.players}
    players = {pid: engine_player(p) for pid, p in demo_players.items()}
    teams = tuple(team_plan(team, dh=options.dh, players=players) for team in demo.teams)
    team_of = {p.external_id: index for index, team in enumerate(demo.teams) for p in team.players}
    return SimLeague(code, options, players, demo_players, teams, team_of)


@dataclass
class LeagueRun:
    """The outcome of :func:`simulate_league`: per-game results, league totals and wall-clock seconds."""

    league: str
    seed: int
    home_ai: Personality | None = None
    away_ai: Personality | None = None
    results: list[GameResult] = field(default_factory=list)
    totals: BattingTotals = field(default_factory=BattingTotals)
    seconds: float = 0.0

    def summary(self) -> dict[str, object]:
        """The ``simulate --json`` document: the contract keys, then league totals."""
        rates = self.totals.rates()
        return {
            "games": self.totals.games,
            "plate_appearances": self.totals["pa"],
            "seconds": round(self.seconds, 3),
            **{name: round(value, 4) for name, value in rates.items()},
            "league": self.league,
            "seed": self.seed,
            "plate_appearances_per_second": round(self.totals["pa"] / self.seconds) if self.seconds else None,
            "totals": self.totals.totals(),
            **self.managing(),
            "per_team_game": self.per_team_game(),
        }

    def per_team_game(self) -> dict[str, float]:
        """The running game and scoring per team per game: stolen bases, caught stealing, called steals
        abandoned for no jump, wild pitches, passed balls, balks, hit-and-runs called (AI games), runs; and the
        batting average."""
        team_games = max(1, 2 * self.totals.games)
        counts = {
            "sb": self.totals["sb"],
            "cs": self.totals["cs"],
            "no_jump": sum(result.tally.get("steals_called_off", 0) for result in self.results),
            "wp": self.totals["wild_pitch"],
            "pb": self.totals["passed_ball"],
            "balks": self.totals["balk"],
            "hit_and_runs": sum(result.tally.get("hit_and_runs", 0) for result in self.results),
            "runs": self.totals["runs"],
        }
        return {
            **{name: round(count / team_games, 3) for name, count in counts.items()},
            "avg": round(self.totals.rates()["avg"], 4),
        }

    def managing(self) -> dict[str, object]:
        """With AI managers: who managed, and per-game averages of steals, caught stealing, sacrifice bunts,
        intentional walks, pitching changes and the other managing counts (empty with default decisions)."""
        if self.home_ai is None and self.away_ai is None:
            return {}
        games = max(1, self.totals.games)
        per_game = {
            "steals": self.totals["sb"],
            "caught_stealing": self.totals["cs"],
            "sacrifice_bunts": self.totals["sac"],
            "intentional_walks": self.totals["ibb"],
            **{name: sum(result.tally.get(name, 0) for result in self.results) for name in TALLIES},
        }
        return {
            "home_ai": self.home_ai.value if self.home_ai else None,
            "away_ai": self.away_ai.value if self.away_ai else None,
            **{name: round(count / games, 3) for name, count in per_game.items()},
        }


def simulate_league(
    code: str,
    games: int,
    seed: int,
    progress: Callable[[GameResult], None] | None = None,
    home_ai: Personality | None = None,
    away_ai: Personality | None = None,
) -> LeagueRun:
    """Play ``games`` AI-vs-AI games of demo league ``code`` with ``SeededDice(seed)``; the same arguments give
    the same games. Each side is managed by the AI with its personality, or (None for both) takes the default
    decisions. ``progress`` is called after each game."""
    if games < 1:
        raise ValueError("the number of games must be at least 1")
    league = sim_league(code)
    dice = SeededDice(seed)
    played = [0] * len(league.teams)
    run = LeagueRun(code, seed, home_ai, away_ai)
    chooser = None
    if home_ai is not None or away_ai is not None:
        chooser = ai_chooser(home_ai or Personality.BALANCED, away_ai or Personality.BALANCED)
    start = time.perf_counter()
    for game in range(games):
        away, home = league.pairing(game)
        away_plan, home_plan = league.teams[away], league.teams[home]
        setup = league.game_setup(away_plan.setup(played[away]), home_plan.setup(played[home]), home_plan.park)
        played[away] += 1
        played[home] += 1
        result = play_game(setup, dice, run.totals, chooser)
        run.results.append(result)
        if progress is not None:
            progress(result)
    run.seconds = time.perf_counter() - start
    return run


def league_setups(code: str) -> Callable[[int], GameSetup]:
    """The setups of league ``code``'s simulated games in order (``setups(n)``: game n, as
    :func:`simulate_league` pairs teams and rotates starters); call it with n = 0, 1, 2, ... in turn."""
    league = sim_league(code)
    played = [0] * len(league.teams)

    def setup_for(game: int) -> GameSetup:
        away, home = league.pairing(game)
        away_plan, home_plan = league.teams[away], league.teams[home]
        setup = league.game_setup(away_plan.setup(played[away]), home_plan.setup(played[home]), home_plan.park)
        played[away] += 1
        played[home] += 1
        return setup

    return setup_for


def _find(card_id: str, *, pitcher: bool) -> tuple[SimLeague, int]:
    for code in LEAGUES:
        league = sim_league(code)
        demo = league.demo_players.get(card_id)
        if demo is None:
            continue
        if pitcher and demo.pitching is None:
            raise UnknownCard(f"{card_id} ({demo.name}) has no pitching card")
        return league, league.team_of[card_id]
    raise UnknownCard(f"unknown card id {card_id!r}: demo card ids look like demo-pd-0001 or demo-sba-0014")


def expected_outcomes(batter: Player, pitcher: Player) -> dict[Outcome, float]:
    """Each card outcome's probability for this batter against this pitcher: (batter + pitcher chances) / 216."""
    if batter.batting is None or pitcher.pitching is None:
        raise UnknownCard(f"{batter.id} needs a batting card and {pitcher.id} a pitching card")
    side = batting_side(batter.batting.hand, pitcher.pitching.hand)
    shares: dict[Outcome, float] = {}
    for card in (batter.batting.split(pitcher.pitching.hand), pitcher.pitching.split(side)):
        for name, chances in card.chances:
            outcome = _OUTCOME_OF[name]
            shares[outcome] = shares.get(outcome, 0.0) + chances / 216
    return shares


def simulate_matchup(batter_id: str, pitcher_id: str, plate_appearances: int, seed: int) -> dict[str, object]:
    """``plate_appearances`` PAs of one batter against one pitcher (bases empty, none out, home park of the
    pitcher's team, default decisions): card outcome counts, expected counts and the batting line."""
    if plate_appearances < 1:
        raise ValueError("the number of plate appearances must be at least 1")
    league, batter_team = _find(batter_id, pitcher=False)
    pitcher_league, pitcher_team = _find(pitcher_id, pitcher=True)
    if pitcher_league is not league:
        raise UnknownCard(f"{batter_id} and {pitcher_id} are in different leagues")
    home = league.teams[pitcher_team]
    setup = league.game_setup(league.teams[batter_team].setup(0), home.setup(0, starter=pitcher_id), home.park)
    state = at_bat_state(setup, batter_id, pitcher_id)
    totals = BattingTotals()
    outcomes: Counter[Outcome] = Counter()
    start = time.perf_counter()
    for play in play_matchup(setup, state, plate_appearances, SeededDice(seed)):
        totals.add(play)
        if play.outcome is not None:
            outcomes[play.outcome] += 1
    seconds = time.perf_counter() - start
    expected = expected_outcomes(league.players[batter_id], league.players[pitcher_id])
    return {
        "batter": batter_id,
        "pitcher": pitcher_id,
        "plate_appearances": plate_appearances,
        "seed": seed,
        "seconds": round(seconds, 3),
        "outcomes": {o.value: outcomes[o] for o in Outcome if outcomes[o] or o in expected},
        "expected": {o.value: round(share * plate_appearances, 1) for o, share in expected.items()},
        "totals": {name: value for name, value in totals.totals().items() if value},
        **{name: round(value, 4) for name, value in totals.rates().items() if name != "runs_per_team_game"},
    }
