"""Box score and line score from a game's setup and plays (RULES §12-§13).

:func:`box_score` reads only :class:`~games.engine.play.Play` records, in order, so it works for a finished
game, a game in progress, a parsed game log or a hand-built sequence of plays.

Conventions (the official scoring rules, simplified where the plays do not carry enough to apply them):

* **Batting lines** follow the batting order: a batter who is not the slot's current player takes it as a
  substitute (``PH``, or ``P`` when he pitches for the team); a runner who appears on a base in place of the
  runner who was there between two plays is a pinch runner (``PR``) listed under that runner's slot. BB
  includes intentional walks. SB/CS go to the runners moving on plays that record them.
* **Responsibility**: the batter who reaches is charged to the pitcher he faced; a runner placed by the rules
  (extra innings) to the pitcher of the half's first play. A batter who reaches on a fielder's choice that
  retires a runner charged to another pitcher takes over that charge. Runs go to the pitcher charged.
* **Earned runs** (reconstructing each half inning without its errors): a batter who reaches on an error
  (the play has errors and he got no hit, walk or HBP) counts as the out the defense should have made; once
  actual plus such outs reach three, every later run in the half is unearned. A runner who reached on an
  error or was placed by the rules scores unearned. A run scoring on a play with an error is earned only when
  the play is a hit that would have brought the runner home with one extra base (start + bases of the hit + 1
  ≥ 4). The team analysis is used for every pitcher.
* **Decisions**: the winning team took the lead for good on the last play after which it led and before
  which it did not. W: its pitcher of record then; a starter needs 15 outs (games of six or more innings;
  ``3 x (innings - 1)`` in shorter games), else W goes to the reliever with the fewest runs charged, then the
  most outs, then the earliest. L: the pitcher charged with the go-ahead run of that play. S: the winning
  team's finishing pitcher when he is neither the winner nor the starter, never trailed or tied while in,
  and entered with a lead and (a) a lead of three or fewer and got at least three outs, or (b) the tying run
  on base, at bat or on deck, or (c) got at least nine outs. A forfeit or unfinished game has no decisions.
* **Holds and blown saves** (:func:`relief_decisions`): a reliever enters in a save situation when his team
  leads by three or fewer or the tying run is on base, at bat or on deck. He blows the save when his team's
  lead is gone (tied or behind) after a play while he pitches; he holds it when he got at least one out, never
  let the lead go, did not finish the game and is not its winning pitcher.

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.gamelog import Scorebook, defaults_for
>>> from games.engine.dice import SeededDice
>>> book = Scorebook(demo_setup())
>>> while not book.state.game_over:
...     _ = book.play(defaults_for(book.state), SeededDice(book.state.plays))
>>> box = box_score(book.setup, book.log.plays)
>>> (box.line.away.runs, box.line.home.runs) == book.state.score
True
>>> innings_pitched(20)
'6.2'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from games.engine.enums import Half, PlayType, Side
from games.engine.play import Play
from games.engine.state import GameSetup

__all__ = [
    "BattingLine",
    "BoxScore",
    "Decisions",
    "LineScore",
    "PitchingLine",
    "ReliefDecisions",
    "TeamLine",
    "box_score",
    "innings_pitched",
    "relief_decisions",
]

_STEALS = frozenset({PlayType.STOLEN_BASE, PlayType.CAUGHT_STEALING, PlayType.PICKOFF})
_HIT_BASES = (("homerun", 4), ("triple", 3), ("double", 2), ("hit", 1))


def innings_pitched(outs: int) -> str:
    """Outs as innings pitched: whole innings, a dot, the outs of the partial inning.

    >>> innings_pitched(0), innings_pitched(3), innings_pitched(19)
    ('0.0', '1.0', '6.1')
    """
    return f"{outs // 3}.{outs % 3}"


@dataclass(frozen=True, slots=True)
class TeamLine:
    """One team's row of the line score: runs by inning (None: the half was not played), then R/H/E/LOB."""

    name: str
    innings: tuple[int | None, ...]
    runs: int
    hits: int
    errors: int
    left_on_base: int


@dataclass(frozen=True, slots=True)
class LineScore:
    away: TeamLine
    home: TeamLine

    def team(self, side: Side) -> TeamLine:
        return self.away if side is Side.AWAY else self.home


@dataclass(frozen=True, slots=True)
class BattingLine:
    """A batter's line; ``slot`` is his batting-order place (1-9), ``substitute`` whether he came in later."""

    slot: int
    player: str
    name: str
    position: str
    substitute: bool = False
    ab: int = 0
    r: int = 0
    h: int = 0
    doubles: int = 0
    triples: int = 0
    hr: int = 0
    rbi: int = 0
    bb: int = 0
    so: int = 0
    hbp: int = 0
    sb: int = 0
    cs: int = 0


@dataclass(frozen=True, slots=True)
class PitchingLine:
    """A pitcher's line; ``outs`` is exact, :attr:`ip` its innings-pitched notation."""

    player: str
    name: str
    outs: int = 0
    h: int = 0
    r: int = 0
    er: int = 0
    bb: int = 0
    so: int = 0
    hr: int = 0
    bf: int = 0
    inherited: int = 0
    inherited_scored: int = 0
    decision: str | None = None

    @property
    def ip(self) -> str:
        return innings_pitched(self.outs)


@dataclass(frozen=True, slots=True)
class Decisions:
    """Player ids of the winning, losing and saving pitchers (None when there is none)."""

    win: str | None = None
    loss: str | None = None
    save: str | None = None


@dataclass(frozen=True, slots=True)
class BoxScore:
    line: LineScore
    away_batting: tuple[BattingLine, ...]
    home_batting: tuple[BattingLine, ...]
    away_pitching: tuple[PitchingLine, ...]
    home_pitching: tuple[PitchingLine, ...]
    decisions: Decisions = field(default_factory=Decisions)

    def batting(self, side: Side) -> tuple[BattingLine, ...]:
        return self.away_batting if side is Side.AWAY else self.home_batting

    def pitching(self, side: Side) -> tuple[PitchingLine, ...]:
        return self.away_pitching if side is Side.AWAY else self.home_pitching

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the line score, then per side its batting and pitching lines (with ``ip``)."""
        teams: dict[str, Any] = {}
        for side in Side:
            teams[side.value] = {
                "line": asdict(self.line.team(side)),
                "batting": [asdict(line) for line in self.batting(side)],
                "pitching": [{**asdict(line), "ip": line.ip} for line in self.pitching(side)],
            }
            teams[side.value]["line"]["innings"] = list(self.line.team(side).innings)
        return {"teams": teams, "decisions": asdict(self.decisions)}


# -- building ------------------------------------------------------------------------------------------------


def box_score(setup: GameSetup, plays: Iterable[Play]) -> BoxScore:
    """The box score of ``plays`` (in order) under ``setup``."""
    plays = tuple(plays)
    charges = _charge_runs(plays)
    decisions = _decisions(setup, plays, charges)
    return BoxScore(
        line=_line_score(setup, plays),
        away_batting=_batting(setup, plays, Side.AWAY),
        home_batting=_batting(setup, plays, Side.HOME),
        away_pitching=_pitching(setup, plays, Side.AWAY, charges, decisions),
        home_pitching=_pitching(setup, plays, Side.HOME, charges, decisions),
        decisions=decisions,
    )


def _line_score(setup: GameSetup, plays: Sequence[Play]) -> LineScore:
    last = max((play.inning for play in plays), default=0)
    rows = []
    for side in Side:
        half = Half.TOP if side is Side.AWAY else Half.BOTTOM
        mine = [play for play in plays if play.batting_side is side]
        innings = tuple(
            sum(play.runs for play in mine if play.inning == inning) if any(p.inning == inning for p in mine) else None
            for inning in range(1, last + 1)
        )
        left = 0
        for inning in range(1, last + 1):
            ended = [play for play in mine if play.inning == inning and play.half is half]
            if ended and ended[-1].inning_over:
                left += sum(1 for move in ended[-1].movements if 1 <= move.end <= 3)
        rows.append(
            TeamLine(
                name=setup.team(side).name,
                innings=innings,
                runs=sum(play.runs for play in mine),
                hits=sum(play.stats.hit for play in mine),
                errors=sum(play.errors for play in plays if play.batting_side is side.other),
                left_on_base=left,
            )
        )
    return LineScore(rows[0], rows[1])


def _batting(setup: GameSetup, plays: Sequence[Play], side: Side) -> tuple[BattingLine, ...]:
    team = setup.team(side)
    pitchers = {play.pitcher for play in plays if play.batting_side is side.other} | {team.pitcher}
    slots: list[list[tuple[str, str]]] = [[(slot.player, slot.position.value)] for slot in team.lineup]
    where: dict[str, int] = {slot.player: index for index, slot in enumerate(team.lineup)}
    appearances = 0
    previous: Play | None = None
    for play in plays:
        if play.batting_side is not side:
            continue
        same_half = previous is not None and (previous.inning, previous.half) == (play.inning, play.half)
        if same_half and previous is not None:
            for before, now in zip(previous.bases_after, play.bases_before, strict=True):
                if now is not None and now not in where and before in where:
                    where[now] = where[before]
                    slots[where[now]].append((now, "PR"))
        if play.stats.pa or play.play_type in (PlayType.AT_BAT, PlayType.INTENTIONAL_WALK):
            index = appearances % 9
            if play.batter not in where:
                where[play.batter] = index
                slots[index].append((play.batter, "P" if play.batter in pitchers else "PH"))
            appearances += play.stats.pa
        previous = play
    counts = _batting_counts(plays, side)
    lines = []
    for index, entries in enumerate(slots, start=1):
        for order, (player, position) in enumerate(entries):
            lines.append(
                BattingLine(
                    slot=index,
                    player=player,
                    name=setup.players[player].name if player in setup.players else player,
                    position=position,
                    substitute=order > 0,
                    **counts.get(player, Counter()),
                )
            )
    return tuple(lines)


def _batting_counts(plays: Sequence[Play], side: Side) -> dict[str, Counter[str]]:
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for play in plays:
        if play.batting_side is not side:
            continue
        s = play.stats
        counts[play.batter].update(
            ab=s.ab,
            h=s.hit,
            doubles=s.double,
            triples=s.triple,
            hr=s.homerun,
            rbi=s.rbi,
            bb=s.bb + s.ibb,
            so=s.so,
            hbp=s.hbp,
        )
        for runner in play.scored:
            counts[runner]["r"] += 1
        if s.sb or s.cs:
            for move in play.movements:
                if move.start > 0 and move.end == 0 and s.cs:
                    counts[move.player]["cs"] += 1
                elif move.start > 0 and move.end > move.start and s.sb:
                    counts[move.player]["sb"] += 1
    return counts


# -- runs charged, earned or not -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Run:
    """One run: the play it scored on (index), the runner, the pitcher charged, whether it is earned."""

    play: int
    runner: str
    pitcher: str
    earned: bool


def _reached_on_error(play: Play) -> bool:
    s = play.stats
    batter_safe = any(move.start == 0 and move.end > 0 for move in play.movements)
    return bool(play.errors and batter_safe and not (s.hit or s.bb or s.ibb or s.hbp))


def _charge_runs(plays: Sequence[Play]) -> tuple[_Run, ...]:
    runs: list[_Run] = []
    charged: dict[str, str] = {}
    tainted: set[str] = set()
    half: tuple[int, Half] | None = None
    error_outs = 0
    previous: Play | None = None
    for index, play in enumerate(plays):
        if (play.inning, play.half) != half:
            half, charged, tainted, error_outs, previous = (play.inning, play.half), {}, set(), 0, None
        for base, runner in enumerate(play.bases_before):
            if runner is None or runner in charged:
                continue
            before = previous.bases_after[base] if previous is not None else None
            charged[runner] = charged.get(before, play.pitcher) if before is not None else play.pitcher
            if before is None or before in tainted:
                tainted.add(runner)
        over_before = play.outs_before + error_outs >= 3
        hit_bases = next((bases for name, bases in _HIT_BASES if getattr(play.stats, name)), 0)
        for runner in play.scored:
            start = next((move.start for move in play.movements if move.player == runner), 0)
            pitcher = charged.get(runner, play.pitcher)
            earned = not (over_before or runner in tainted)
            if play.errors and earned:
                earned = bool(hit_bases) and (start + hit_bases + (0 if runner == play.batter else 1) >= 4)
            runs.append(_Run(index, runner, pitcher, earned))
        batter_move = next((move for move in play.movements if move.start == 0), None)
        if batter_move is not None and batter_move.end > 0:
            charged[play.batter] = play.pitcher
            retired = [m.player for m in play.movements if m.start > 0 and m.end == 0]
            others = [charged[p] for p in retired if charged.get(p, play.pitcher) != play.pitcher]
            if others and not (play.stats.hit or play.stats.bb or play.stats.ibb or play.stats.hbp):
                charged[play.batter] = others[0]
            if _reached_on_error(play):
                tainted.add(play.batter)
                error_outs += 1
        previous = play
    return tuple(runs)


# -- pitching ------------------------------------------------------------------------------------------------


def _pitchers(setup: GameSetup, plays: Sequence[Play], side: Side) -> list[str]:
    order = [setup.team(side).pitcher]
    for play in plays:
        if play.batting_side is side.other and play.pitcher not in order:
            order.append(play.pitcher)
    return order


def _pitching(
    setup: GameSetup, plays: Sequence[Play], side: Side, runs: Sequence[_Run], decisions: Decisions
) -> tuple[PitchingLine, ...]:
    order = _pitchers(setup, plays, side)
    totals: dict[str, Counter[str]] = {pid: Counter() for pid in order}
    inherited: dict[str, set[str]] = {pid: set() for pid in order}
    current: str | None = None
    for play in plays:
        if play.batting_side is side:
            continue
        line = totals[play.pitcher]
        if play.pitcher != current:
            current = play.pitcher
            runners = {runner for runner in play.bases_before if runner is not None}
            inherited[current] |= runners
            line["inherited"] += len(runners)
        s = play.stats
        line.update(
            outs=s.outs,
            h=s.hit,
            bb=s.bb + s.ibb,
            so=s.so,
            hr=s.homerun,
            bf=s.pa,
            inherited_scored=sum(1 for r in play.scored if r in inherited[current]),
        )
        if play.inning_over:
            inherited[current] = set()
    for run in runs:
        if run.pitcher in totals:
            totals[run.pitcher].update(r=1, er=int(run.earned))
    marks = {decisions.win: "W", decisions.loss: "L", decisions.save: "S"}
    return tuple(
        PitchingLine(
            player=pid,
            name=setup.players[pid].name if pid in setup.players else pid,
            decision=marks.get(pid),
            **totals[pid],
        )
        for pid in order
    )


# -- decisions -----------------------------------------------------------------------------------------------


def _lead(score: tuple[int, int], side: Side) -> int:
    return score[0] - score[1] if side is Side.AWAY else score[1] - score[0]


def _decisions(setup: GameSetup, plays: Sequence[Play], runs: Sequence[_Run]) -> Decisions:
    if not plays or not plays[-1].game_over:
        return Decisions()
    final = plays[-1].score_after
    winner = Side.AWAY if final[0] > final[1] else Side.HOME if final[1] > final[0] else None
    if winner is None:
        return Decisions()
    before = (0, 0)
    go_ahead = 0
    scores_before = []
    for index, play in enumerate(plays):
        scores_before.append(before)
        if _lead(before, winner) <= 0 < _lead(play.score_after, winner):
            go_ahead = index
        before = play.score_after
    needed = -_lead(scores_before[go_ahead], winner) + 1
    decisive = [r for r in runs if r.play == go_ahead]
    loss = decisive[needed - 1].pitcher if 0 < needed <= len(decisive) else None

    pitched = [play for play in plays if play.batting_side is winner.other]
    starter = setup.team(winner).pitcher
    of_record = next(
        (plays[i].pitcher for i in range(go_ahead, -1, -1) if plays[i].batting_side is winner.other), starter
    )
    win = of_record
    outs_by = _outs_by(pitched)
    charged = {pid: sum(1 for r in runs if r.pitcher == pid) for pid in outs_by}
    innings = setup.options.innings
    needed_outs = 15 if innings >= 6 else 3 * (innings - 1)
    if win == starter and outs_by.get(starter, 0) < needed_outs:
        relievers = [pid for pid in outs_by if pid != starter]
        if relievers:
            win = min(relievers, key=lambda pid: (charged[pid], -outs_by[pid], relievers.index(pid)))
    return Decisions(win=win, loss=loss, save=_save(plays, pitched, winner, win, starter, outs_by))


def _outs_by(pitched: Sequence[Play]) -> dict[str, int]:
    outs: dict[str, int] = {}
    for play in pitched:
        outs[play.pitcher] = outs.get(play.pitcher, 0) + play.stats.outs
    return outs


def _save(
    plays: Sequence[Play], pitched: Sequence[Play], winner: Side, win: str, starter: str, outs_by: dict[str, int]
) -> str | None:
    if not pitched:
        return None
    closer = pitched[-1].pitcher
    if closer in (win, starter):
        return None
    first = next(index for index, play in enumerate(plays) if play.pitcher == closer)
    entry = plays[first]
    lead = _lead(plays[first - 1].score_after if first else (0, 0), winner)
    if lead <= 0:
        return None
    if any(_lead(play.score_after, winner) <= 0 for play in plays[first:]):
        return None
    on_base = sum(1 for runner in entry.bases_before if runner is not None)
    outs = outs_by[closer]
    if (lead <= 3 and outs >= 3) or lead <= on_base + 2 or outs >= 9:
        return closer
    return None


@dataclass(frozen=True, slots=True)
class ReliefDecisions:
    """Player ids credited with a hold and charged with a blown save, in the order they pitched."""

    holds: tuple[str, ...] = ()
    blown_saves: tuple[str, ...] = ()


def relief_decisions(setup: GameSetup, plays: Iterable[Play]) -> ReliefDecisions:
    """Holds and blown saves of a finished game's ``plays`` (none for an unfinished one); see the module notes."""
    plays = tuple(plays)
    if not plays or not plays[-1].game_over:
        return ReliefDecisions()
    win = _decisions(setup, plays, _charge_runs(plays)).win
    holds: list[str] = []
    blown: list[str] = []
    for side in Side:
        pitched = [play for play in plays if play.batting_side is side.other]
        if not pitched:
            continue
        finisher = pitched[-1].pitcher
        for pitcher in _pitchers(setup, plays, side)[1:]:
            first = next((index for index, play in enumerate(plays) if play.pitcher == pitcher), None)
            if first is None:
                continue
            lead = _lead(plays[first - 1].score_after if first else (0, 0), side)
            on_base = sum(1 for runner in plays[first].bases_before if runner is not None)
            if not (lead > 0 and (lead <= 3 or lead <= on_base + 2)):
                continue
            his = [play for play in pitched if play.pitcher == pitcher]
            if any(_lead(play.score_after, side) <= 0 for play in his):
                blown.append(pitcher)
            elif pitcher not in (finisher, win) and sum(play.stats.outs for play in his) > 0:
                holds.append(pitcher)
    return ReliefDecisions(tuple(holds), tuple(blown))
