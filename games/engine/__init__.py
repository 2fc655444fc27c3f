"""The rules engine: pure Python, no Django (RULES.md §1-§13).

Build a :class:`GameSetup` (options, lineups, players with cards), start with :func:`new_game`, then feed
actions through ``apply(setup, state, action, dice) -> Step(state, events, rolls)``. :func:`defaults_for`
gives the timeout/AI action, :func:`card_result` the result the card under a manual-mode roll reads, and
:func:`choices` what the side to act may choose; ``replay.replay``
re-applies recorded actions with their recorded dice (:func:`replay_steps` the general form, every play's ``wpa``
filled in by :func:`apply_annotated`; ``replay.correct`` after a commissioner's correction); :func:`lineup_errors`
checks a proposed starting lineup slot by slot;
``serialize`` turns states, plays and client messages into JSON data and back; ``scenarios`` runs rule
scenarios and builds demo teams; ``fatigue`` holds the pitcher fatigue and SBA injury rules (§11) and their
rulings.

>>> from games.engine.scenarios import demo_setup
>>> setup = demo_setup(RuleOptions(innings=9))
>>> state, dice = new_game(setup), SeededDice(42)
>>> while not state.game_over:
...     state = apply(setup, state, defaults_for(state), dice).state
>>> sum(state.runs_by_inning[0]) == state.score[0] and state.winner is not None
True
"""

from games.engine.actions import (
    Action,
    Decide,
    DefenseDecision,
    DoubleSwitch,
    Forfeit,
    IllegalAction,
    IllegalDecision,
    IllegalOutcome,
    OffenseDecision,
    PitchingChange,
    Roll,
    SubmitOutcome,
    Substitute,
    SwapPositions,
    WrongPhase,
)
from games.engine.cards import BatterCard, CardResult, FielderRating, PitcherCard, dice_index
from games.engine.choices import Choices, choices
from games.engine.dice import Dice, LenientReplayDice, RecordingDice, ReplayDice, ScriptedDice, SeededDice, SystemDice
from games.engine.enums import (
    Base,
    GroundballResult,
    Half,
    Hand,
    InfieldDepth,
    InjuryResult,
    Outcome,
    Phase,
    PitcherRole,
    PlayType,
    Position,
    ResolutionMode,
    RollName,
    Side,
)
from games.engine.game import Step, apply, defaults_for
from games.engine.lineup_rules import ProposedSlot, lineup_errors, out_of_position_warnings, slot_key
from games.engine.options import Ballpark, LocationTable, RuleOptions
from games.engine.play import Event, Injury, Movement, Notice, NoticeKind, Play, PromptKind, StatLine
from games.engine.reading import card_result, read_card
from games.engine.replay import replay_steps
from games.engine.state import GameSetup, GameState, LineupSlot, Player, TeamSetup, TeamState, new_game
from games.engine.win_expectancy import apply_annotated

__all__ = [
    "Action",
    "Ballpark",
    "Base",
    "BatterCard",
    "CardResult",
    "Choices",
    "Decide",
    "DefenseDecision",
    "Dice",
    "DoubleSwitch",
    "Event",
    "FielderRating",
    "Forfeit",
    "GameSetup",
    "GameState",
    "GroundballResult",
    "Half",
    "Hand",
    "IllegalAction",
    "IllegalDecision",
    "IllegalOutcome",
    "InfieldDepth",
    "Injury",
    "InjuryResult",
    "LenientReplayDice",
    "LineupSlot",
    "LocationTable",
    "Movement",
    "Notice",
    "NoticeKind",
    "OffenseDecision",
    "Outcome",
    "Phase",
    "PitcherCard",
    "PitcherRole",
    "PitchingChange",
    "Play",
    "PlayType",
    "Player",
    "Position",
    "PromptKind",
    "ProposedSlot",
    "RecordingDice",
    "ReplayDice",
    "ResolutionMode",
    "Roll",
    "RollName",
    "RuleOptions",
    "ScriptedDice",
    "SeededDice",
    "Side",
    "StatLine",
    "Step",
    "SubmitOutcome",
    "Substitute",
    "SwapPositions",
    "SystemDice",
    "TeamSetup",
    "TeamState",
    "WrongPhase",
    "apply",
    "apply_annotated",
    "card_result",
    "choices",
    "defaults_for",
    "dice_index",
    "lineup_errors",
    "new_game",
    "out_of_position_warnings",
    "read_card",
    "replay_steps",
    "slot_key",
]
