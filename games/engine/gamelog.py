"""The canonical game log: a game as plain text in our scorecard notation, parsed back by replaying it.

A log is a header, then one line per *turn*: the actions that led to one play (or to a forfeit), the dice
they rolled, and what a scorer writes down. The header holds the format version, every league option, each
distinct card once (its card-level fields, then the chances of each split), the players (card references,
hands, fielding ratings as range/error/arm/passed_ball/throwing per position, the SBA injury column, pitcher
injury rating and series games when known) and both teams::

    scorecard-log 1
    options innings=9 dh=yes ... location.groundball=6:3B,13:SS,17:2B,19:1B,20:P ... park.homerun=10 ...
    card b1 batting hand=R running=12 steal_auto=no steal_jump=0.0 ... bunting=C hit_and_run=C
    card b1 vs_left homerun=2 bp_homerun=2 triple=0.5 ... groundout_c=9.5
    card b1 vs_right same
    player a1 name="Away 1" batting=b1 pitching=- bats=- throws=- fielding=SS:2/8/0/0/0
    player hr1 name="Reliever" batting=- pitching=p1 bats=- throws=- fielding=- injury=65 pitcher_injury=3
    team away name="Away" pitcher=ap bench=a10 bullpen=ar1,ar2
    lineup away a1@C a2@1B a3@2B a4@3B a5@SS a6@LF a7@CF a8@RF a9@DH

A play line has seven sections separated by `` | ``::

    14 T3 1o 1-- | a4 v hp | GB-B@SS 6-4-3 DP | 1-X B-X | 0-1 3o END | def off roll | column=2 row=4+3 ...

1. play number, half (``T``/``B``) and inning, outs before, bases before (``1-3`` notation);
2. batter ``v`` pitcher (player ids from the header);
3. the engine's outcome code with its fielder (``SI-U@CF``, ``X@SS``; plays without a card result use their
   type: ``SB``, ``CS``, ``NOJUMP``, ``PICKOFF``, ``WP``, ``PB``, ``BALK``, ``BUNT``, ``IBB``) and the
   scorer's code: ``K``, ``BB``, ``IBB``, ``HBP``, ``1B7`` (single to LF),
   ``2B``, ``3B8``, ``HR``, ``6-3``, ``3U``, ``FC6``, ``6-4-3 DP``, ``F8``, ``SF9``, ``L6``, ``P4``, ``E6``,
   ``1B9 E9``, ``SH5``, ``WP``, ``PB``, ``BK``, ``PO1``, ``SB2``, ``CS3``, ``NJ`` (no jump);
4. runner movements in the engine's order: start ``B``/``1``-``3``, end ``1``-``3``, ``H`` (scored) or ``X``
   (out), e.g. ``2-H 1-3 B-1`` (``-`` when nobody is on the move);
5. the result: runs, RBI and errors when any (``+2R 2RBI 1E``), the score after (away-home), outs after and
   ``END`` when the half inning ended, ``GAME`` when the game did;
6. the actions: ``def`` (``def:in+h1+h2``, ``def:corners_in``, ``def:IBB``), ``off`` (``off:s1+s2``,
   ``off:bunt``, ``off:hnr``), ``roll``, ``submit:X_CHECK@SS``, ``send:R1+R2`` / ``send:-``, ``throw`` /
   ``throw:R2`` / ``nothrow``, ``forfeit:away``; any other action by its class name and fields, e.g.
   ``PitchingChange(side=home;pitcher=hr1)``;
7. every die in the order rolled, by name: ``column=2 row=4+3 split=13 location=13`` (``-`` when none).

A forfeit line reads ``forfeit | <actions> | <dice>``; an unfinished last turn ``open | <actions> | <dice>``.
Lines starting with ``#`` and blank lines are ignored.

:func:`parse` rebuilds the setup from the header and replays every turn through the engine with exactly its
recorded dice; the reader sections (1-5) must then match what the replay produced, so a log cannot claim
what its dice and decisions do not give. Any mismatch or malformed line raises ValueError naming the line.

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.dice import SeededDice
>>> book = Scorebook(demo_setup())
>>> while not book.state.game_over:
...     _ = book.play(defaults_for(book.state), SeededDice(book.state.plays))
>>> text = dump(book.log)
>>> parse(text) == book.log and dump(parse(text)) == text
True
>>> line = play_line(book.log.plays[0], (DefenseDecision(), OffenseDecision(), Roll()))
>>> line.split(SEP)[0], line.split(SEP)[5]
('1 T1 0o ---', 'def off roll')
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any

from games.engine.actions import (
    Action,
    Decide,
    DefenseDecision,
    Forfeit,
    OffenseDecision,
    Roll,
    SubmitOutcome,
)
from games.engine.cards import BatterCard, FielderRating, PitcherCard, SplitCard
from games.engine.dice import Dice, DiceError, ReplayDice, Rolls, RollValue
from games.engine.enums import (
    GROUNDBALLS,
    PAIR_ROLLS,
    Base,
    Half,
    Hand,
    InfieldDepth,
    Outcome,
    PlayType,
    Position,
    RollName,
    Side,
)
from games.engine.game import Step, defaults_for
from games.engine.options import RuleOptions
from games.engine.play import Play
from games.engine.replay import replay_steps
from games.engine.serialize import to_data, type_hints
from games.engine.state import GameSetup, GameState, LineupSlot, Player, TeamSetup, new_game
from games.engine.tables import BASE_KEYS
from games.engine.win_expectancy import apply_annotated

__all__ = [
    "FORMAT_VERSION",
    "GameLog",
    "Scorebook",
    "Turn",
    "defaults_for",
    "dump",
    "parse",
    "play_line",
    "scorer_code",
]

FORMAT_VERSION = 1
MAGIC = "scorecard-log"
SEP = " | "

FIELDER_NUMBER: dict[Position, int] = {
    Position.P: 1,
    Position.C: 2,
    Position.FIRST_BASE: 3,
    Position.SECOND_BASE: 4,
    Position.THIRD_BASE: 5,
    Position.SHORTSTOP: 6,
    Position.LEFT_FIELD: 7,
    Position.CENTER_FIELD: 8,
    Position.RIGHT_FIELD: 9,
}
OUTCOME_CODES: dict[Outcome, str] = {
    Outcome.HOMERUN: "HR",
    Outcome.BP_HOMERUN: "BPHR",
    Outcome.TRIPLE: "TR",
    Outcome.DOUBLE_3: "DO-3",
    Outcome.DOUBLE_2: "DO-2",
    Outcome.DOUBLE_UNCAPPED: "DO-U",
    Outcome.SINGLE_2: "SI-2",
    Outcome.SINGLE_1: "SI-1",
    Outcome.SINGLE_UNCAPPED: "SI-U",
    Outcome.BP_SINGLE: "BPSI",
    Outcome.HIT_BY_PITCH: "HBP",
    Outcome.WALK: "BB",
    Outcome.INTENTIONAL_WALK: "IBB",
    Outcome.STRIKEOUT: "K",
    Outcome.LINEOUT: "L",
    Outcome.POPOUT: "P",
    Outcome.FLYBALL_A: "FB-A",
    Outcome.FLYBALL_BQ: "FB-BQ",
    Outcome.FLYBALL_B: "FB-B",
    Outcome.FLYBALL_C: "FB-C",
    Outcome.GROUNDBALL_A: "GB-A",
    Outcome.GROUNDBALL_B: "GB-B",
    Outcome.GROUNDBALL_C: "GB-C",
    Outcome.X_CHECK: "X",
}
PLAY_TYPE_CODES: dict[PlayType, str] = {
    PlayType.AT_BAT: "AB",
    PlayType.INTENTIONAL_WALK: "IBB",
    PlayType.WILD_PITCH: "WP",
    PlayType.PASSED_BALL: "PB",
    PlayType.STOLEN_BASE: "SB",
    PlayType.CAUGHT_STEALING: "CS",
    PlayType.PICKOFF: "PICKOFF",
    PlayType.BALK: "BALK",
    PlayType.STEAL_CALLED_OFF: "NOJUMP",
    PlayType.SACRIFICE_BUNT: "BUNT",
}
_DP_CHAINS = {1: "1-6-3", 2: "2-6-3", 3: "3-6-1", 4: "4-6-3", 5: "5-4-3", 6: "6-4-3"}
_END_CODES = {0: "X", 1: "1", 2: "2", 3: "3", 4: "H"}
_START_CODES = {0: "B", 1: "1", 2: "2", 3: "3"}


# -- the log -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Turn:
    """The actions between two plays, the dice they rolled (in order) and the play they made: None for a
    forfeit (the last action is a :class:`Forfeit`) or an unfinished last turn."""

    actions: tuple[Action, ...]
    rolls: Rolls
    play: Play | None = None


@dataclass(frozen=True, slots=True, eq=False)
class GameLog:
    """A game's setup and its turns. Two logs are equal when their setups write the same header (a setup's
    players compare by identity otherwise) and their turns are equal."""

    setup: GameSetup
    turns: tuple[Turn, ...] = ()

    @property
    def plays(self) -> tuple[Play, ...]:
        return tuple(turn.play for turn in self.turns if turn.play is not None)

    @classmethod
    def from_actions(cls, setup: GameSetup, recorded: Iterable[tuple[Action, Rolls]]) -> GameLog:
        """The log of stored actions, each with the dice it rolled (what a Play row keeps), replayed from the
        start. Raises ValueError (naming the action) when an action is illegal or its dice do not fit."""
        book, entries, done = Scorebook(setup), list(recorded), [0]

        def file(index: int, step: Step, used: Rolls) -> None:
            done[0] = index + 1
            if len(used) != len(entries[index][1]):
                raise _Unused(index + 1)
            book.record(entries[index][0], step)

        try:
            replay_steps(setup, entries, file)
        except _Unused as exc:
            raise ValueError(f"action {exc.number}: recorded dice left unused") from None
        except (ValueError, DiceError) as exc:
            raise ValueError(f"action {done[0] + 1}: {exc}") from exc
        return book.log

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GameLog):
            return NotImplemented
        return self.turns == other.turns and header_lines(self.setup) == header_lines(other.setup)

    __hash__ = None  # type: ignore[assignment]


class _Unused(Exception):
    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


class Scorebook:
    """A game in memory that keeps its log: ``play`` applies an action and files it under the current turn."""

    __slots__ = ("_actions", "_rolls", "_turns", "setup", "state")

    def __init__(self, setup: GameSetup, state: GameState | None = None) -> None:
        self.setup = setup
        self.state = state if state is not None else new_game(setup)
        self._turns: list[Turn] = []
        self._actions: list[Action] = []
        self._rolls: Rolls = ()

    def play(self, action: Action, dice: Dice) -> Step:
        """Apply ``action`` (plays get their ``wpa``, as live play stores them) and file it."""
        step = apply_annotated(self.setup, self.state, action, dice)
        self.record(action, step)
        return step

    def record(self, action: Action, step: Step) -> None:
        """File an action already applied to :attr:`state` (``step`` is its result)."""
        self.state = step.state
        self._actions.append(action)
        self._rolls += step.rolls
        plays = [event for event in step.events if isinstance(event, Play)]
        if plays or isinstance(action, Forfeit):
            self._turns.append(Turn(tuple(self._actions), self._rolls, plays[0] if plays else None))
            self._actions, self._rolls = [], ()

    @property
    def log(self) -> GameLog:
        turns = list(self._turns)
        if self._actions:
            turns.append(Turn(tuple(self._actions), self._rolls))
        return GameLog(self.setup, tuple(turns))


# -- writing -------------------------------------------------------------------------------------------------


def dump(log: GameLog) -> str:
    """The log as text (ends with a newline)."""
    lines = header_lines(log.setup)
    for turn in log.turns:
        lines.append(turn_line(turn))
    return "\n".join(lines) + "\n"


def turn_line(turn: Turn) -> str:
    if turn.play is not None:
        return play_line(turn.play, turn.actions, turn.rolls)
    kind = "forfeit" if turn.actions and isinstance(turn.actions[-1], Forfeit) else "open"
    return SEP.join((kind, actions_text(turn.actions), rolls_text(turn.rolls)))


def play_line(play: Play, actions: Sequence[Action], rolls: Rolls | None = None) -> str:
    """One play in scorecard notation (sections described in the module docstring)."""
    return SEP.join(
        (
            *_reader_sections(play),
            actions_text(actions),
            rolls_text(play.rolls if rolls is None else rolls),
        )
    )


def _reader_sections(play: Play) -> tuple[str, str, str, str, str]:
    half = "T" if play.half is Half.TOP else "B"
    where = f"{play.number} {half}{play.inning} {play.outs_before}o {_bases_code(play.bases_before)}"
    who = f"{play.batter} v {play.pitcher}"
    what = f"{_outcome_code(play)} {scorer_code(play)}"
    moves = " ".join(
        f"{_START_CODES[m.start]}-{_END_CODES[m.end]}"
        for m in play.movements
        if (m.start == 0 and play.stats.pa) or (m.start > 0 and m.end != m.start)
    )
    result = []
    if play.runs:
        result.append(f"+{play.runs}R")
    if play.stats.rbi:
        result.append(f"{play.stats.rbi}RBI")
    if play.errors:
        result.append(f"{play.errors}E")
    result.append(f"{play.score_after[0]}-{play.score_after[1]}")
    result.append(f"{play.outs_after}o")
    if play.inning_over:
        result.append("END")
    if play.game_over:
        result.append("GAME")
    return where, who, what, moves or "-", " ".join(result)


def _bases_code(bases: tuple[str | None, str | None, str | None]) -> str:
    return BASE_KEYS[(bases[0] is not None) | (bases[1] is not None) << 1 | (bases[2] is not None) << 2]


def _outcome_code(play: Play) -> str:
    if play.outcome is None:
        return PLAY_TYPE_CODES.get(play.play_type, play.play_type.value)
    code = OUTCOME_CODES[play.outcome]
    return f"{code}@{play.fielder.value}" if play.fielder is not None else code


def scorer_code(play: Play) -> str:
    """The short code a scorer writes for a play.

    >>> from dataclasses import replace
    >>> from games.engine.dice import SeededDice
    >>> from games.engine.play import Movement, StatLine
    >>> from games.engine.scenarios import demo_setup
    >>> book = Scorebook(demo_setup())
    >>> while not book.log.plays:
    ...     _ = book.play(defaults_for(book.state), SeededDice(1))
    >>> play = replace(book.log.plays[0], play_type=PlayType.AT_BAT, outcome=Outcome.GROUNDBALL_B,
    ...                fielder=Position.SHORTSTOP, outs_before=0, outs_after=2, errors=0, description="",
    ...                movements=(Movement("a9", 1, 0), Movement("a1", 0, 0)), stats=StatLine(gidp=1, outs=2))
    >>> scorer_code(play)
    '6-4-3 DP'
    >>> scorer_code(replace(play, outcome=Outcome.STRIKEOUT, stats=StatLine(pa=1, ab=1, so=1, outs=1)))
    'K'
    """
    stats = play.stats
    kind = play.play_type
    if kind is PlayType.WILD_PITCH:
        return "WP"
    if kind is PlayType.PASSED_BALL:
        return "PB"
    if kind is PlayType.BALK:
        return "BK"
    if kind in _RUNNING_PLAYS:
        codes = [code for _, code in running_codes(play)]
        return " ".join(codes) or ("PO" if kind is PlayType.PICKOFF else "NJ")
    number = FIELDER_NUMBER.get(play.fielder) if play.fielder is not None else None
    f = str(number) if number is not None else ""
    error = f" E{f}" if play.errors else ""
    if stats.homerun:
        return "HR" + error
    if stats.triple:
        return f"3B{f}{error}"
    if stats.double:
        return f"2B{f}{error}"
    if stats.hit:
        return f"1B{f}{error}"
    if stats.ibb:
        return "IBB"
    if stats.bb:
        return "BB" + error
    if stats.hbp:
        return "HBP"
    if stats.so:
        return "K" + error
    batter = next((m for m in play.movements if m.start == 0), None)
    batter_out = batter is not None and batter.end == 0
    outs = play.outs_after - play.outs_before
    air = _air_code(play, number)
    if kind is PlayType.SACRIFICE_BUNT or (stats.sac and air is None):
        code = f"SH{f}" if stats.sac else f"BU{f}"
        return code + (" FC" if not batter_out else "") + (" DP" if outs >= 2 else "") + error
    if play.errors and not batter_out:
        return f"E{f}"
    double = " TP" if outs >= 3 else " DP" if outs >= 2 else ""
    if air is not None and batter_out:
        return ("SF" if play.runs and play.outs_before < 2 else air) + f + double + error
    if stats.gidp or (outs >= 2 and batter_out and play.outcome in GROUNDBALLS):
        return _double_play_chain(play.description, number) + (double or " DP")
    if batter_out:
        return ("3U" if number == 3 else f"{f}-3" if f else "GO") + double + error
    return (f"FC{f}" if batter is not None else "NP") + error


_RUNNING_PLAYS = (PlayType.STOLEN_BASE, PlayType.CAUGHT_STEALING, PlayType.STEAL_CALLED_OFF, PlayType.PICKOFF)


def running_codes(play: Play) -> tuple[tuple[str, str], ...]:
    """The code of each runner a steal, caught stealing or pickoff play moved or put out, as ``(player, code)``:
    ``SB2``, ``SBH``, ``CS3``, ``PO1``; none for other plays."""
    if play.play_type not in _RUNNING_PLAYS:
        return ()
    codes = []
    for m in play.movements:
        if m.start == 0:
            continue
        if m.end == 0:
            target = "H" if m.start == 3 else str(m.start + 1)
            codes.append((m.player, f"PO{m.start}" if play.play_type is PlayType.PICKOFF else f"CS{target}"))
        elif m.end > m.start:
            codes.append((m.player, f"SB{_END_CODES[m.end]}"))
    return tuple(codes)


_AIR_WORDS = (("lines out", "L"), ("pops out", "P"), ("flies out", "F"), ("fouls out", "F"))
_FIELDER_NAMES = {position.value: str(number) for position, number in FIELDER_NUMBER.items()}
_CHAIN = re.compile(r"double play, ((?:[A-Z0-9]{1,2} to )+[A-Z0-9]{1,2})")


def _air_code(play: Play, number: int | None) -> str | None:
    """L, P or F for a ball caught in the air; None for anything else."""
    for words, code in _AIR_WORDS:
        if words in play.description:
            return code
    if play.outcome in _FLY_CODES:
        return _FLY_CODES[play.outcome]
    if play.stats.bplo:
        return "L"
    if play.stats.bpfo or (number is not None and number >= 7):
        return "F"
    return None


def _double_play_chain(description: str, number: int | None) -> str:
    """The fielders of a double play as the engine names them (``SS to 2B to 1B`` → ``6-4-3``), a fielder
    who also takes the throw written once."""
    match = _CHAIN.search(description)
    if match is None:
        return _DP_CHAINS.get(number or 6, "6-4-3")
    chain: list[str] = []
    for name in match[1].split(" to "):
        digit = _FIELDER_NAMES.get(name, "?")
        if not chain or chain[-1] != digit:
            chain.append(digit)
    return "-".join(chain)


_FLY_CODES: dict[Outcome | None, str] = {
    Outcome.LINEOUT: "L",
    Outcome.POPOUT: "P",
    Outcome.FLYBALL_A: "F",
    Outcome.FLYBALL_B: "F",
    Outcome.FLYBALL_BQ: "F",
    Outcome.FLYBALL_C: "F",
}


def actions_text(actions: Iterable[Action]) -> str:
    """Actions in the log's notation, space separated, in the order taken. A :class:`Decide` right after one
    that sent runners answers the throw prompt; any other answers the send prompt."""
    words = []
    sent = False
    for action in actions:
        words.append(_action_text(action, throw_answer=sent))
        sent = isinstance(action, Decide) and bool(action.send)
    return " ".join(words) or "-"


def _action_text(action: Action, *, throw_answer: bool = False) -> str:
    writer = _ACTION_WRITERS.get(type(action))
    if writer is None:
        return f"{type(action).__name__}({';'.join(_fields_text(action))})"
    return writer(action, throw_answer)


def _defense_text(action: DefenseDecision, _: bool) -> str:
    parts = [] if action.infield is InfieldDepth.NORMAL else [action.infield.value]
    parts += [f"h{base.value}" for base in action.hold]
    parts += ["IBB"] if action.intentional_walk else []
    return "def" + (":" + "+".join(parts) if parts else "")


def _offense_text(action: OffenseDecision, _: bool) -> str:
    parts = [f"s{base.value}" for base in action.steal]
    parts += ["bunt"] if action.bunt else []
    parts += ["hnr"] if action.hit_and_run else []
    return "off" + (":" + "+".join(parts) if parts else "")


def _submit_text(action: SubmitOutcome, _: bool) -> str:
    fielder = f"@{action.fielder.value}" if action.fielder is not None else ""
    return f"submit:{action.outcome.value}{fielder}"


def _decide_text(action: Decide, throw_answer: bool) -> str:
    if not throw_answer:
        return "send:" + ("+".join(base.label for base in action.send) or "-")
    if not action.throw:
        return "nothrow" + (f":{action.at.label}" if action.at else "")
    if action.at is not None:
        return f"throw:{action.at.label}"
    return "throw"


_ACTION_WRITERS: dict[type, Callable[[Any, bool], str]] = {
    DefenseDecision: _defense_text,
    OffenseDecision: _offense_text,
    Roll: lambda _action, _answer: "roll",
    SubmitOutcome: _submit_text,
    Decide: _decide_text,
    Forfeit: lambda action, _answer: f"forfeit:{action.side.value}",
}
_ACTION_TYPES: dict[str, type] = {kind.__name__: kind for kind in typing.get_args(Action)}


def rolls_text(rolls: Rolls) -> str:
    """Dice in the order rolled: ``name=value`` (pairs ``name=d1+d2``)."""
    return " ".join(f"{name.value}={_roll_value(value)}" for name, value in rolls) or "-"


def _roll_value(value: RollValue) -> str:
    return f"{value[0]}+{value[1]}" if isinstance(value, tuple) else str(value)


# -- the header ----------------------------------------------------------------------------------------------


def header_lines(setup: GameSetup) -> list[str]:
    """The header: version, options, cards (each distinct card once), players, teams."""
    for pid in setup.players:
        if not _ID.fullmatch(pid):
            raise ValueError(f"player id {pid!r} cannot be written: use letters, digits, '_', '.', ':' or '-'")
    lines = [f"{MAGIC} {FORMAT_VERSION}"]
    lines += _option_lines(setup.options)
    cards: dict[BatterCard | PitcherCard, str] = {}
    player_lines = []
    for player in setup.players.values():
        fields = [player.id, f"name={json.dumps(player.name, ensure_ascii=False)}"]
        for key, card in (("batting", player.batting), ("pitching", player.pitching)):
            if card is None:
                fields.append(f"{key}=-")
                continue
            if card not in cards:
                prefix = "b" if isinstance(card, BatterCard) else "p"
                cards[card] = f"{prefix}{sum(1 for c in cards if type(c) is type(card)) + 1}"
                lines += _card_lines(cards[card], card)
            fields.append(f"{key}={cards[card]}")
        fields.append(f"bats={_encode(player.bats)}")
        fields.append(f"throws={_encode(player.throws)}")
        fielding = ",".join(
            f"{position.value}:" + "/".join(_encode(getattr(rating, f.name)) for f in dataclasses.fields(rating))
            for position, rating in player.fielding.items()
        )
        fields.append(f"fielding={fielding or '-'}")
        if player.injury_rating is not None:
            fields.append(f"injury={player.injury_rating}")
        if player.pitcher_injury is not None:
            fields.append(f"pitcher_injury={player.pitcher_injury}")
        if player.series_games != 1:
            fields.append(f"series_games={player.series_games}")
        player_lines.append("player " + " ".join(fields))
    lines += player_lines
    for side in Side:
        team = setup.team(side)
        lines.append(
            f"team {side.value} name={json.dumps(team.name, ensure_ascii=False)} pitcher={team.pitcher} "
            f"bench={','.join(team.bench) or '-'} bullpen={','.join(team.bullpen) or '-'}"
        )
        lines.append(f"lineup {side.value} " + " ".join(f"{s.player}@{s.position.value}" for s in team.lineup))
    return lines


def _option_lines(options: RuleOptions) -> list[str]:
    return ["options " + " ".join(_fields_text(options))]


_ID = re.compile(r"[\w.:-]+")
_SPLITS = ("vs_left", "vs_right")


def _card_lines(card_id: str, card: BatterCard | PitcherCard) -> list[str]:
    kind = "batting" if isinstance(card, BatterCard) else "pitching"
    head = f"card {card_id} {kind} " + " ".join(_fields_text(card, skip=_SPLITS))
    left = _split_text(card.vs_left)
    right = _split_text(card.vs_right)
    return [head, f"card {card_id} vs_left {left}", f"card {card_id} vs_right {'same' if right == left else right}"]


def _split_text(split: SplitCard) -> str:
    return " ".join(f"{name}={value:g}" for name, value in split.chances)


# -- values --------------------------------------------------------------------------------------------------


def _encode(value: object) -> str:
    """One field value as a word, written from its JSON value (:func:`serialize.to_data`: enums by value, tuples
    as lists): ``-`` for None, yes/no, numbers, ids (other strings as JSON), lists as ``a,b`` (pairs inside as
    ``x:y``; empty ``()``). Runner bases are written by number, not by their R1-R3 labels."""
    return _word(value.value if isinstance(value, Base) else to_data(value))


def _word(data: object) -> str:
    if data is None:
        return "-"
    if isinstance(data, bool):
        return "yes" if data else "no"
    if isinstance(data, float):
        return repr(data)
    if isinstance(data, int):
        return str(data)
    if isinstance(data, str):
        return data if _ID.fullmatch(data) and data not in ("-", "yes", "no") else json.dumps(data)
    if isinstance(data, list):
        items = [":".join(_word(x) for x in item) if isinstance(item, list) else _word(item) for item in data]
        return ",".join(items) or "()"
    raise ValueError(f"cannot write {data!r}")


def _decode(text: str, hint: Any) -> Any:
    """The inverse of :func:`_encode` for a value of type ``hint``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if text == "-" and type(None) in args:
            return None
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _decode(text, arg)
            except ValueError:
                continue
        raise ValueError(f"{text!r} is not a {hint}")
    if origin is tuple:
        if text == "()":
            return ()
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(part, args[0]) for part in text.split(","))
        parts = text.split(":")
        if len(parts) != len(args):
            raise ValueError(f"{text!r} needs {len(args)} parts")
        return tuple(_decode(part, arg) for part, arg in zip(parts, args, strict=True))
    if hint is bool:
        if text not in ("yes", "no"):
            raise ValueError(f"{text!r} is not yes or no")
        return text == "yes"
    if hint is int:
        return int(text)
    if hint is float:
        return float(text)
    if hint is str:
        return json.loads(text) if text.startswith('"') else text
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(text)
        except ValueError:
            return hint(int(text))
    raise ValueError(f"cannot read a {hint}")


def _fields_text(obj: object, prefix: str = "", skip: tuple[str, ...] = ()) -> list[str]:
    """``key=value`` words for a dataclass's fields, nested dataclasses flattened as ``outer.inner``."""
    words = []
    for spec in dataclasses.fields(obj):  # type: ignore[arg-type]
        if not spec.init or spec.name in skip:
            continue
        value = getattr(obj, spec.name)
        if dataclasses.is_dataclass(value):
            words += _fields_text(value, f"{prefix}{spec.name}.")
        else:
            words.append(f"{prefix}{spec.name}={_encode(value)}")
    return words


def _field_keys(cls: type, prefix: str = "", skip: tuple[str, ...] = ()) -> list[str]:
    keys = []
    for spec in dataclasses.fields(cls):
        if not spec.init or spec.name in skip:
            continue
        hint = type_hints(cls)[spec.name]
        if dataclasses.is_dataclass(hint):
            keys += _field_keys(hint, f"{prefix}{spec.name}.")  # type: ignore[arg-type]
        else:
            keys.append(prefix + spec.name)
    return keys


def _kwargs(cls: type, values: Mapping[str, str], prefix: str = "", skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Constructor arguments for ``cls`` from the words of :func:`_fields_text`; absent fields keep defaults."""
    kwargs: dict[str, Any] = {}
    for spec in dataclasses.fields(cls):
        if not spec.init or spec.name in skip:
            continue
        key, hint = prefix + spec.name, type_hints(cls)[spec.name]
        if dataclasses.is_dataclass(hint):
            inner = _kwargs(hint, values, f"{key}.")  # type: ignore[arg-type]
            if inner:
                kwargs[spec.name] = hint(**inner)  # type: ignore[operator]
        elif key in values:
            try:
                kwargs[spec.name] = _decode(values[key], hint)
            except (ValueError, json.JSONDecodeError) as exc:
                raise ValueError(f"{key}: {exc}") from exc
    return kwargs


# -- reading -------------------------------------------------------------------------------------------------


class _Lines:
    """Numbered non-comment lines with a cursor; errors name the line."""

    def __init__(self, text: str) -> None:
        self.items = [
            (number, line.rstrip())
            for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")
        ]
        self.index = 0

    def peek(self) -> tuple[int, str] | None:
        return self.items[self.index] if self.index < len(self.items) else None

    def take(self, keyword: str) -> tuple[int, list[str]]:
        item = self.peek()
        if item is None:
            last = self.items[-1][0] if self.items else 0
            raise ValueError(f"line {last + 1}: the log ends where a {keyword!r} line is expected")
        number, line = item
        words = _split_words(number, line)
        if words[0] != keyword:
            raise ValueError(f"line {number}: expected a {keyword!r} line, got {words[0]!r}")
        self.index += 1
        return number, words[1:]


_WORD = re.compile(r'\S*?"(?:[^"\\]|\\.)*"\S*|\S+')


def _split_words(number: int, line: str) -> list[str]:
    if line.count('"') % 2:
        raise ValueError(f"line {number}: unbalanced quotes")
    return _WORD.findall(line)


def _keyed(number: int, words: Iterable[str], what: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for word in words:
        key, eq, value = word.partition("=")
        if not eq or not key:
            raise ValueError(f"line {number}: {what}: expected key=value, got {word!r}")
        if key in values:
            raise ValueError(f"line {number}: {what}: {key} given twice")
        values[key] = value
    return values


def _need(number: int, values: Mapping[str, str], key: str, what: str) -> str:
    if key not in values:
        raise ValueError(f"line {number}: {what} needs {key}=")
    return values[key]


def parse(text: str) -> GameLog:
    """The log written by :func:`dump`, rebuilt by replaying its turns. Raises ValueError ``line N: ...``."""
    lines = _Lines(text)
    number, words = lines.take(MAGIC)
    if words != [str(FORMAT_VERSION)]:
        raise ValueError(f"line {number}: unsupported log format {' '.join(words)!r}, expected {FORMAT_VERSION}")
    setup = _read_setup(lines)
    return GameLog(setup, _read_turns(lines, setup))


def _read_setup(lines: _Lines) -> GameSetup:
    number, words = lines.take("options")
    with _at(number, "options"):
        options = _read_options(_keyed(number, words, "options"))
    cards: dict[str, BatterCard | PitcherCard] = {}
    while (item := lines.peek()) is not None and item[1].startswith("card "):
        number, words = lines.take("card")
        with _at(number, "card"):
            card_id, card = _read_card_lines(lines, number, words)
        if card_id in cards:
            raise ValueError(f"line {number}: card {card_id} defined twice")
        cards[card_id] = card
    players: dict[str, Player] = {}
    while (item := lines.peek()) is not None and item[1].startswith("player "):
        number, words = lines.take("player")
        with _at(number, "player"):
            player = _read_player(number, words, cards)
        if player.id in players:
            raise ValueError(f"line {number}: player {player.id} defined twice")
        players[player.id] = player
    teams = {}
    for side in Side:
        number, words = lines.take("team")
        if not words or words[0] != side.value:
            raise ValueError(f"line {number}: expected the {side.value} team")
        values = _keyed(number, words[1:], "team")
        lineup_number, lineup_words = lines.take("lineup")
        if not lineup_words or lineup_words[0] != side.value:
            raise ValueError(f"line {lineup_number}: expected the {side.value} lineup")
        with _at(lineup_number, "lineup"):
            lineup = tuple(_slot(word) for word in lineup_words[1:])
        with _at(number, "team"):
            teams[side] = TeamSetup(
                name=json.loads(_need(number, values, "name", "team")),
                lineup=lineup,
                pitcher=_need(number, values, "pitcher", "team"),
                bench=_ids(values.get("bench", "-")),
                bullpen=_ids(values.get("bullpen", "-")),
            )
    with _at(number, "setup"):
        return GameSetup(options, teams[Side.AWAY], teams[Side.HOME], players)


@contextmanager
def _at(number: int, what: str) -> Iterator[None]:
    """Re-raise a failure while reading line ``number`` as ``ValueError("line N: bad what: ...")``."""
    try:
        yield
    except (ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, ValueError) and str(exc).startswith("line "):
            raise
        raise ValueError(f"line {number}: bad {what}: {exc}") from exc


def _ids(text: str) -> tuple[str, ...]:
    return () if text == "-" else tuple(text.split(","))


def _slot(word: str) -> LineupSlot:
    player, at, position = word.partition("@")
    if not at:
        raise ValueError(f"expected player@position, got {word!r}")
    return LineupSlot(player, Position(position))


def _read_options(values: Mapping[str, str]) -> RuleOptions:
    unknown = set(values) - set(_field_keys(RuleOptions))
    if unknown:
        raise ValueError(f"unknown option(s) {', '.join(sorted(unknown))}")
    return RuleOptions(**_kwargs(RuleOptions, values))


def _read_card_lines(lines: _Lines, number: int, words: list[str]) -> tuple[str, BatterCard | PitcherCard]:
    if len(words) < 2 or words[1] not in ("batting", "pitching"):
        raise ValueError("expected 'card ID batting|pitching ...'")
    card_id, kind = words[0], words[1]
    kind_type = BatterCard if kind == "batting" else PitcherCard
    values = _keyed(number, words[2:], "card")
    unknown = set(values) - set(_field_keys(kind_type, skip=_SPLITS))
    if unknown:
        raise ValueError(f"unknown card field(s) {', '.join(sorted(unknown))}")
    scalars = _kwargs(kind_type, values, skip=_SPLITS)
    hand = scalars.get("hand")
    if not isinstance(hand, Hand):
        raise ValueError("a card needs hand=")
    splits: list[dict[str, float]] = []
    for split in ("vs_left", "vs_right"):
        split_number, split_words = lines.take("card")
        if split_words[:2] != [card_id, split]:
            raise ValueError(f"line {split_number}: expected 'card {card_id} {split} ...'")
        if split_words[2:] == ["same"] and splits:
            splits.append(splits[0])
            continue
        ratings = _keyed(split_number, split_words[2:], split)
        splits.append({name: float(value) for name, value in ratings.items()})
    card = kind_type.from_fields({"hand": hand.value}, splits[0], splits[1])
    return card_id, dataclasses.replace(card, **scalars)


def _read_player(number: int, words: list[str], cards: Mapping[str, BatterCard | PitcherCard]) -> Player:
    if not words:
        raise ValueError("a player needs an id")
    values = _keyed(number, words[1:], "player")

    def card(key: str) -> BatterCard | PitcherCard | None:
        ref = values.get(key, "-")
        if ref == "-":
            return None
        if ref not in cards:
            raise ValueError(f"unknown card {ref!r}")
        return cards[ref]

    batting, pitching = card("batting"), card("pitching")
    if not isinstance(batting, BatterCard | None) or not isinstance(pitching, PitcherCard | None):
        raise ValueError("a batting card where a pitching card belongs, or the reverse")
    fielding = {}
    specs = dataclasses.fields(FielderRating)
    hints = type_hints(FielderRating)
    for item in _ids(values.get("fielding", "-")):
        position, _, ratings = item.partition(":")
        parts = ratings.split("/")
        if len(parts) != len(specs):
            raise ValueError(f"fielding {item!r} needs {'/'.join(f.name for f in specs)}")
        fielding[Position(position)] = FielderRating(
            **{f.name: _decode(part, hints[f.name]) for f, part in zip(specs, parts, strict=True)}
        )
    return Player(
        id=words[0],
        name=json.loads(_need(number, values, "name", "player")),
        batting=batting,
        pitching=pitching,
        fielding=fielding,
        bats=_decode(values.get("bats", "-"), Hand | None),
        throws=_decode(values.get("throws", "-"), Hand | None),
        injury_rating=_decode(values.get("injury", "-"), int | None),
        pitcher_injury=_decode(values.get("pitcher_injury", "-"), int | None),
        series_games=int(values.get("series_games", "1")),
    )


def _read_turns(lines: _Lines, setup: GameSetup) -> tuple[Turn, ...]:
    state = new_game(setup)
    turns: list[Turn] = []
    while (item := lines.peek()) is not None:
        number, line = item
        lines.index += 1
        if turns and turns[-1].play is None:
            raise ValueError(f"line {number}: nothing can follow a forfeit or an unfinished turn")
        sections = line.split(SEP)
        kind = sections[0]
        if kind in ("forfeit", "open"):
            if len(sections) != 3:
                raise ValueError(f"line {number}: a {kind} line has 3 sections, this one {len(sections)}")
        elif len(sections) != 7:
            raise ValueError(f"line {number}: a play line has 7 sections separated by ' | ', this one {len(sections)}")
        actions = tuple(_read_action(number, word) for word in sections[-2].split() if word != "-")
        rolls = _read_rolls(number, sections[-1])
        state, turn, used_all = _replay_turn(number, setup, state, actions, rolls)
        if kind in ("forfeit", "open"):
            if turn.play is not None or (kind == "forfeit") != isinstance(actions[-1:] and actions[-1], Forfeit):
                raise ValueError(f"line {number}: the actions do not make a {kind} turn")
        elif turn.play is None:
            raise ValueError(f"line {number}: these actions do not finish a play")
        else:
            _check_reader(number, sections[:5], turn.play)
        if not used_all:
            raise ValueError(f"line {number}: dice left over that these actions never rolled")
        turns.append(turn)
    return tuple(turns)


def _replay_turn(
    number: int, setup: GameSetup, state: GameState, actions: tuple[Action, ...], rolls: Rolls
) -> tuple[GameState, Turn, bool]:
    """Apply one turn's actions with its dice: the new state, the turn, and whether every die was used."""
    dice = ReplayDice(rolls)
    play: Play | None = None
    for index, action in enumerate(actions):
        if play is not None:
            raise ValueError(f"line {number}: action {index + 1} comes after the play ended")
        try:
            step = apply_annotated(setup, state, action, dice)
        except (ValueError, DiceError) as exc:
            raise ValueError(f"line {number}: action {index + 1} ({_action_text(action)}): {exc}") from exc
        state = step.state
        play = next((event for event in step.events if isinstance(event, Play)), None)
    return state, Turn(actions, rolls, play), dice.exhausted


_SECTION_NAMES = ("play number, inning, outs and bases", "batter and pitcher", "outcome", "movements", "result")


def _check_reader(number: int, written: Sequence[str], play: Play) -> None:
    for name, given, actual in zip(_SECTION_NAMES, written, _reader_sections(play), strict=True):
        if given.strip() != actual:
            raise ValueError(f"line {number}: {name}: the log says {given.strip()!r}, the replay gives {actual!r}")


_ACTION = re.compile(r"(?P<head>[a-z]+)(?::(?P<args>\S+))?")
_GENERIC_ACTION = re.compile(r"(?P<name>[A-Z]\w*)\((?P<args>(?:[^()\s]|\(\))*)\)")


def _read_generic_action(number: int, word: str) -> Action | None:
    """An action written as ``Name(field=value;...)``; None when ``word`` is not one."""
    match = _GENERIC_ACTION.fullmatch(word)
    if match is None:
        return None
    kind = _ACTION_TYPES.get(match["name"])
    if kind is None:
        raise ValueError(f"line {number}: unknown action {match['name']!r}")
    values = _keyed(number, (item for item in match["args"].split(";") if item), match["name"])
    unknown = set(values) - set(_field_keys(kind))
    if unknown:
        raise ValueError(f"line {number}: {match['name']} has no field(s) {', '.join(sorted(unknown))}")
    try:
        action: Action = kind(**_kwargs(kind, values))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"line {number}: bad action {word!r}: {exc}") from exc
    return action


def _read_action(number: int, word: str) -> Action:
    generic = _read_generic_action(number, word)
    if generic is not None:
        return generic
    match = _ACTION.fullmatch(word)
    try:
        if match is None:
            raise ValueError("malformed")
        head, args = match["head"], match["args"]
        parts = args.split("+") if args else []
        if head == "def":
            depth = next((InfieldDepth(p) for p in parts if p in ("in", "corners_in")), InfieldDepth.NORMAL)
            holds = tuple(Base(int(p[1:])) for p in parts if p.startswith("h"))
            if len([p for p in parts if p not in ("in", "corners_in", "IBB") and not p.startswith("h")]):
                raise ValueError("unknown defense option")
            return DefenseDecision(infield=depth, hold=holds, intentional_walk="IBB" in parts)
        if head == "off":
            if any(p not in ("bunt", "hnr") and not p.startswith("s") for p in parts):
                raise ValueError("unknown offense option")
            steals = tuple(Base(int(p[1:])) for p in parts if p.startswith("s"))
            return OffenseDecision(steal=steals, bunt="bunt" in parts, hit_and_run="hnr" in parts)
        if head == "roll" and not parts:
            return Roll()
        if head == "submit" and args:
            outcome, _, fielder = args.partition("@")
            return SubmitOutcome(Outcome(outcome), Position(fielder) if fielder else None)
        if head == "send" and args:
            return Decide(send=() if args == "-" else tuple(Base.from_label(p) for p in parts))
        if head in ("throw", "nothrow") and len(parts) <= 1:
            at = Base.from_label(parts[0]) if parts else None
            return Decide(throw=head == "throw", at=at)
        if head == "forfeit" and args:
            return Forfeit(Side(args))
    except ValueError as exc:
        raise ValueError(f"line {number}: bad action {word!r}: {exc}") from exc
    raise ValueError(f"line {number}: unknown action {word!r}")


def _read_rolls(number: int, text: str) -> Rolls:
    rolls: list[tuple[RollName, RollValue]] = []
    for word in text.split():
        if word == "-":
            continue
        name, _, value = word.partition("=")
        try:
            roll = RollName(name)
            if roll in PAIR_ROLLS:
                first, plus, second = value.partition("+")
                if not plus:
                    raise ValueError(f"{name} is a pair of dice, written d1+d2")
                rolls.append((roll, (int(first), int(second))))
            else:
                rolls.append((roll, int(value)))
        except ValueError as exc:
            raise ValueError(f"line {number}: bad die {word!r}: {exc}") from exc
    return tuple(rolls)
