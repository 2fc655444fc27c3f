"""Game setup (who plays, with which cards, under which options) and the immutable game state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from games.engine.actions import DefenseDecision, OffenseDecision
from games.engine.cards import BatterCard, FielderRating, PitcherCard
from games.engine.dice import Rolls
from games.engine.enums import Base, Half, Hand, Phase, PitcherRole, Position, ResolutionMode, Side
from games.engine.lineup_rules import OUT_OF_POSITION, ProposedSlot, lineup_errors
from games.engine.options import RuleOptions
from games.engine.play import Draft, PromptKind
from games.engine.slots import evolve as evolve
from games.engine.tables import BASE_KEYS

DEFAULT_FIELDER = FielderRating()
"""League-average defense: a player whose card carries no fielding ratings at all (an unrated card)."""


NO_DEFENSE_DECISION = DefenseDecision()
NO_OFFENSE_DECISION = OffenseDecision()


@dataclass(frozen=True, slots=True, eq=False)
class Player:
    """A player in one game, with his cards and his fielding ratings by position. SBA injuries (RULES §11, see
    :mod:`games.engine.fatigue`): ``pitcher_injury`` is his pitcher injury rating (1-6; None or 0: never
    checked), ``injury_rating`` the column of the injury table he is checked on (70 for ``p70``, ... 20; None:
    unknown) and ``series_games`` the table (games played in the current series, the first digit of
    ``2p65``)."""

    id: str
    name: str
    batting: BatterCard | None = None
    pitching: PitcherCard | None = None
    fielding: Mapping[Position, FielderRating] = field(default_factory=dict)
    bats: Hand | None = None
    throws: Hand | None = None
    injury_rating: int | None = None
    pitcher_injury: int | None = None
    series_games: int = 1

    def fielder(self, position: Position, *, out_of_position: bool = True) -> FielderRating:
        """Ratings at ``position``. Where his card has none (RULES §12) he plays out of position: with the
        out-of-position ratings when ``out_of_position`` (the league option) and his card rates him somewhere
        else or he is a pitcher away from the mound (a pitcher's own card is never used in the field); league
        average otherwise (a card with no fielding ratings at all, or the option off)."""
        rating = self.fielding.get(position)
        if rating is not None:
            return rating
        if out_of_position and position is not Position.P and (self.fielding or self.pitching is not None):
            return OUT_OF_POSITION[position]
        return DEFAULT_FIELDER

    def out_of_position(self, position: Position) -> bool:
        """Whether he would play ``position`` with the out-of-position ratings (RULES §12)."""
        return self.fielder(position) is OUT_OF_POSITION.get(position)

    @property
    def running(self) -> int:
        return self.batting.running if self.batting else 12

    @property
    def bat_hand(self) -> Hand:
        if self.batting:
            return self.batting.hand
        return self.bats or Hand.RIGHT

    @property
    def throw_hand(self) -> Hand:
        if self.pitching:
            return self.pitching.hand
        return self.throws or Hand.RIGHT


@dataclass(frozen=True, slots=True)
class LineupSlot:
    player: str
    position: Position


@dataclass(frozen=True, slots=True)
class TeamSetup:
    """A team's starting lineup (batting order of nine), starting pitcher, bench and bullpen (player ids)."""

    name: str
    lineup: tuple[LineupSlot, ...]
    pitcher: str
    bench: tuple[str, ...] = ()
    bullpen: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class GameSetup:
    """Everything fixed for a game. Validates the lineups on construction (ValueError with a readable message)."""

    options: RuleOptions
    away: TeamSetup
    home: TeamSetup
    players: Mapping[str, Player]

    def __post_init__(self) -> None:
        for side, team in ((Side.AWAY, self.away), (Side.HOME, self.home)):
            _validate_lineup(side, team, self.options, self.players)

    def team(self, side: Side) -> TeamSetup:
        return self.away if side is Side.AWAY else self.home


def _name(players: Mapping[str, Player], player_id: str) -> str:
    player = players.get(player_id)
    return player.name if player is not None else repr(player_id)


def _rated(players: Mapping[str, Player], player_id: str) -> tuple[str, ...] | None:
    """The positions ``player_id``'s cards rate him at, a pitcher's card counting as P (see ProposedSlot)."""
    player = players.get(player_id)
    if player is None:
        return None
    return (*(position.value for position in player.fielding), *(("P",) if player.pitching is not None else ()))


def _validate_lineup(side: Side, team: TeamSetup, options: RuleOptions, players: Mapping[str, Player]) -> None:
    who = f"{side.value} lineup"
    ids = [slot.player for slot in team.lineup]
    proposed = [
        ProposedSlot(slot.player, slot.position.value, order, _name(players, slot.player), _rated(players, slot.player))
        for order, slot in enumerate(team.lineup, start=1)
    ]
    if options.dh:
        if team.pitcher in ids:
            raise ValueError(f"{who}: with the DH the pitcher does not bat")
        proposed.append(ProposedSlot(team.pitcher, Position.P.value, None, _name(players, team.pitcher)))
    errors = lineup_errors(proposed, dh=options.dh, out_of_position=options.out_of_position)
    if errors:
        raise ValueError(f"{who}: " + "; ".join(f"{key}: {message}" for key, message in errors.items()))
    if not options.dh and (team.pitcher, Position.P) not in {(s.player, s.position) for s in team.lineup}:
        raise ValueError(f"{who}: the pitcher must bat at P")
    for player_id in [*ids, team.pitcher, *team.bench, *team.bullpen]:
        if player_id not in players:
            raise ValueError(f"{who}: unknown player {player_id!r}")
    if options.resolution is ResolutionMode.AUTO:
        for player_id in [*ids, *team.bench]:
            if players[player_id].batting is None:
                raise ValueError(f"{who}: {players[player_id].name} has no batting card")
        for player_id in [team.pitcher, *team.bullpen]:
            if players[player_id].pitching is None:
                raise ValueError(f"{who}: {players[player_id].name} has no pitching card")


@dataclass(frozen=True, slots=True)
class TeamState:
    """A team's current alignment, its place in the batting order, its pitcher's workload, the players who
    have left the game (no re-entry) and every pitcher who has pitched in it.

    Fatigue (RULES §11, :mod:`games.engine.fatigue`): ``pitcher_role`` and ``pitcher_entered`` (the inning he
    came in) say how he tires, ``pitcher_fatigued`` whether his card reads fatigued, ``must_change`` why he
    must be replaced before the next play ("" when he need not), ``bullpen`` the pitchers the team may still
    bring in (as set up; those who pitched or left are skipped)."""

    lineup: tuple[LineupSlot, ...]
    pitcher: str
    batter_index: int = 0
    pitcher_batters_faced: int = 0
    pitcher_outs: int = 0
    pitcher_runs_inning: int = 0
    pitcher_baserunners_inning: int = 0
    removed: tuple[str, ...] = ()
    pitched: tuple[str, ...] = ()
    pitcher_role: PitcherRole = PitcherRole.STARTER
    pitcher_entered: int = 1
    pitcher_fatigued: bool = False
    must_change: str = ""
    bullpen: tuple[str, ...] = ()

    def at(self, position: Position) -> str:
        """The player id fielding ``position``."""
        if position is Position.P:
            return self.pitcher
        for slot in self.lineup:
            if slot.position is position:
                return slot.player
        raise KeyError(position)

    @property
    def batter(self) -> str:
        return self.lineup[self.batter_index].player


@dataclass(frozen=True, slots=True)
class PendingRoll:
    """Manual mode: the at-bat dice are rolled and the side whose card they read must submit the result."""

    column: int
    row: tuple[int, int]
    split: int
    rolls: Rolls


@dataclass(frozen=True, slots=True)
class Pending:
    """A play halted at a running prompt: the draft of the play so far and what the prompt is about."""

    draft: Draft
    kind: PromptKind
    candidates: tuple[Base, ...]
    sent: tuple[Base, ...] = ()


@dataclass(frozen=True, slots=True)
class GameState:
    """The whole state between two actions. ``bases`` holds the player id on 1B, 2B, 3B (None: empty);
    ``score``, ``hits`` and ``errors`` are (away, home); ``runs_by_inning`` one tuple per side."""

    away: TeamState
    home: TeamState
    inning: int = 1
    half: Half = Half.TOP
    outs: int = 0
    bases: tuple[str | None, str | None, str | None] = (None, None, None)
    score: tuple[int, int] = (0, 0)
    phase: Phase = Phase.DEFENSE
    defense: DefenseDecision = NO_DEFENSE_DECISION
    offense: OffenseDecision = NO_OFFENSE_DECISION
    pending: Pending | PendingRoll | None = None
    runs_by_inning: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())
    hits: tuple[int, int] = (0, 0)
    errors: tuple[int, int] = (0, 0)
    winner: Side | None = None
    plays: int = 0
    responsible: tuple[tuple[str, str], ...] = ()
    """(runner, pitcher charged with him) for the runners on base (RULES §12: inherited runners)."""

    @property
    def batting_side(self) -> Side:
        return Side.AWAY if self.half is Half.TOP else Side.HOME

    @property
    def fielding_side(self) -> Side:
        return Side.HOME if self.half is Half.TOP else Side.AWAY

    def team(self, side: Side) -> TeamState:
        return self.away if side is Side.AWAY else self.home

    @property
    def batting(self) -> TeamState:
        return self.away if self.half is Half.TOP else self.home

    @property
    def fielding(self) -> TeamState:
        return self.home if self.half is Half.TOP else self.away

    @property
    def batter(self) -> str:
        return self.batting.batter

    @property
    def pitcher(self) -> str:
        return self.fielding.pitcher

    @property
    def game_over(self) -> bool:
        return self.phase is Phase.GAME_OVER

    @property
    def base_mask(self) -> int:
        """Occupancy bits: 1 = R1, 2 = R2, 4 = R3."""
        b1, b2, b3 = self.bases
        return (b1 is not None) | (b2 is not None) << 1 | (b3 is not None) << 2

    @property
    def bases_code(self) -> str:
        """Bases in ``1-3`` notation."""
        return BASE_KEYS[self.base_mask]

    def runner(self, base: Base) -> str | None:
        return self.bases[base - 1]

    @property
    def actor(self) -> Side | None:
        """The side the game waits for (None when it is over)."""
        phase = self.phase
        if phase in (Phase.DEFENSE, Phase.THROW):
            return self.fielding_side
        if phase in (Phase.OFFENSE, Phase.ROLL, Phase.SEND):
            return self.batting_side
        if phase is Phase.SUBMIT_OUTCOME:
            if isinstance(self.pending, PendingRoll) and self.pending.column > 3:
                return self.fielding_side
            return self.batting_side
        return None


def new_game(setup: GameSetup) -> GameState:
    """The state before the first pitch."""
    away, home = (
        TeamState(lineup=team.lineup, pitcher=team.pitcher, pitched=(team.pitcher,), bullpen=team.bullpen)
        for team in (setup.away, setup.home)
    )
    return GameState(away=away, home=home, runs_by_inning=((0,), ()))
