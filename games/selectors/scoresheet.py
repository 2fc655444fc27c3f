"""A game as people read it: the scoresheet (batting order rows with substitutes, innings as columns, each plate
appearance in the scorers' notation) and the plays as rows with names, both from the recorded plays replayed by the
engine (`games.selectors.game_log`), its box score and its notation (`games.engine.gamelog.scorer_code`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from games.engine.boxscore import BattingLine, PitchingLine, TeamLine, box_score
from games.engine.enums import Half, PlayType, Side
from games.engine.gamelog import running_codes, scorer_code
from games.engine.play import Play
from games.engine.state import GameSetup
from games.models import Game, GameAction
from games.selectors.records import game_log

_AT_BAT_TYPES = (PlayType.AT_BAT, PlayType.INTENTIONAL_WALK)
_OTHER_CODES = {PlayType.WILD_PITCH: "WP", PlayType.PASSED_BALL: "PB", PlayType.BALK: "BK"}


@dataclass(slots=True)
class Mark:
    """One plate appearance in a batter's box: the scorer's code, the RBI, the out he made (1-3, None if he did
    not), the furthest base he reached as a runner (4: he scored) and what happened to him on the bases after it
    (``SB2``, ``WP``, ``CS3`` ...)."""

    code: str
    rbi: int = 0
    out: int | None = None
    reached: int = 0
    running: list[str] = field(default_factory=list)

    @property
    def scored(self) -> bool:
        return self.reached == 4


@dataclass(frozen=True, slots=True)
class SheetRow:
    """A batting-order row: the player (a substitute under the player he replaced), and his marks per inning."""

    slot: int
    name: str
    position: str
    substitute: bool
    cells: tuple[tuple[Mark, ...], ...]
    line: BattingLine


@dataclass(frozen=True, slots=True)
class SheetSide:
    """One team's half of the scoresheet: its rows, runs and hits per inning, line and pitchers (box score)."""

    side: Side
    team: str
    abbreviation: str
    rows: tuple[SheetRow, ...]
    runs: tuple[int | None, ...]
    hits: tuple[int | None, ...]
    line: TeamLine
    pitchers: tuple[PitchingLine, ...]

    @property
    def inning_totals(self) -> tuple[str, ...]:
        """Runs and hits of each inning it batted (``"2 / 3"``), "" for the others."""
        return tuple(
            "" if runs is None else f"{runs} / {hits or 0}" for runs, hits in zip(self.runs, self.hits, strict=True)
        )


@dataclass(frozen=True, slots=True)
class Scoresheet:
    """The whole sheet: both sides (away first), the innings shown, the decisions by name."""

    innings: tuple[int, ...]
    away: SheetSide
    home: SheetSide
    decisions: dict[str, str]

    @property
    def sides(self) -> tuple[SheetSide, SheetSide]:
        return self.away, self.home


def game_scoresheet(*, game: Game) -> Scoresheet | None:
    """The game's scoresheet, or None while it has no playable setup. Raises ValueError when the recorded
    actions do not replay."""
    log = game_log(game=game)
    if log is None:
        return None
    setup, plays = log.setup, log.plays
    box = box_score(setup, plays)
    last = max((play.inning for play in plays), default=0)
    innings = tuple(range(1, max(setup.options.innings, last) + 1))
    teams = {Side.AWAY: game.away_team, Side.HOME: game.home_team}
    sides = []
    for side in Side:
        team_line = box.line.team(side)
        mine = [play for play in plays if play.batting_side is side]
        batted = {play.inning for play in mine}
        sides.append(
            SheetSide(
                side=side,
                team=teams[side].name,
                abbreviation=teams[side].abbreviation,
                rows=_rows(box.batting(side), mine, len(innings)),
                runs=tuple(team_line.innings[i - 1] if i <= len(team_line.innings) else None for i in innings),
                hits=tuple(sum(p.stats.hit for p in mine if p.inning == i) if i in batted else None for i in innings),
                line=team_line,
                pitchers=box.pitching(side),
            )
        )
    decisions = {
        label: _name(setup, player)
        for label, player in (("W", box.decisions.win), ("L", box.decisions.loss), ("S", box.decisions.save))
        if player is not None
    }
    return Scoresheet(innings=innings, away=sides[0], home=sides[1], decisions=decisions)


def _name(setup: GameSetup, player: str) -> str:
    return setup.players[player].name if player in setup.players else player


def _rows(lines: tuple[BattingLine, ...], plays: list[Play], innings: int) -> tuple[SheetRow, ...]:
    """Each batting line with its plate appearances placed by inning; a runner's later moves go on his mark."""
    cells: dict[str, list[list[Mark]]] = {line.player: [[] for _ in range(innings)] for line in lines}
    on_base: dict[str, Mark] = {}
    half: tuple[int, Half] | None = None
    for play in plays:
        if (play.inning, play.half) != half:
            half, on_base = (play.inning, play.half), {}
        mark = None
        if play.stats.pa or play.play_type in _AT_BAT_TYPES:
            mark = Mark(code=scorer_code(play), rbi=play.stats.rbi)
            if play.batter in cells and play.inning <= innings:
                cells[play.batter][play.inning - 1].append(mark)
        running = dict(running_codes(play))
        outs = play.outs_before
        for move in play.movements:
            target = mark if move.start == 0 else on_base.get(move.player)
            if target is None and move.start > 0 and move.player in cells and play.inning <= innings:
                # a runner without a plate appearance this half: a pinch runner
                target = on_base[move.player] = Mark(code="PR", reached=move.start)
                cells[move.player][play.inning - 1].append(target)
            if target is None:
                continue
            if move.start > 0:
                code = running.get(move.player) or _OTHER_CODES.get(play.play_type)
                if code:
                    target.running.append(code)
            if move.end == 0:
                outs += 1
                target.out = min(outs, 3) if move.start > 0 else play.outs_after
                on_base.pop(move.player, None)
            else:
                target.reached = max(target.reached, move.end)
                if move.end < 4:
                    on_base[move.player] = target
                else:
                    on_base.pop(move.player, None)
    return tuple(
        SheetRow(
            slot=line.slot,
            name=line.name,
            position=line.position,
            substitute=line.substitute,
            cells=tuple(tuple(marks) for marks in cells[line.player]),
            line=line,
        )
        for line in lines
    )


PLAY_COLUMNS = (
    "play",
    "inning",
    "half",
    "batting_team",
    "batter",
    "pitcher",
    "outs_before",
    "runners_before",
    "result",
    "notation",
    "runs",
    "rbi",
    "outs_after",
    "score_after",
    "win_probability_before",
    "win_probability_after",
    "wpa",
)


def game_play_rows(*, game: Game) -> list[dict[str, Any]]:
    """One row per recorded play, named (the columns of `PLAY_COLUMNS`): inning and half, the batting team, the
    batter and the pitcher, outs and runners before (``1B Name, 3B Name``), the result in words (the play's
    description), the scorers' notation, runs, RBI, outs and score after, and the home team's win probability
    before and after the play (written with each action) with the batting team's gain (WPA). Raises ValueError
    when the recorded actions do not replay."""
    log = game_log(game=game)
    if log is None:
        return []
    names = {pid: player.name for pid, player in log.setup.players.items()}
    teams = {Side.AWAY: game.away_team.abbreviation, Side.HOME: game.home_team.abbreviation}
    chances = _win_probabilities(game)
    rows = []
    for play in log.plays:
        before, after = chances.get(play.number, (None, None))
        wpa = None
        if before is not None and after is not None:
            wpa = round(after - before if play.batting_side is Side.HOME else before - after, 4)
        runners = (f"{base}B {names.get(pid, pid)}" for base, pid in enumerate(play.bases_before, 1) if pid)
        rows.append(
            {
                "play": play.number,
                "inning": play.inning,
                "half": play.half.value,
                "batting_team": teams[play.batting_side],
                "batter": names.get(play.batter, play.batter),
                "pitcher": names.get(play.pitcher, play.pitcher),
                "outs_before": play.outs_before,
                "runners_before": ", ".join(runners),
                "result": play.description,
                "notation": scorer_code(play),
                "runs": play.runs,
                "rbi": play.stats.rbi,
                "outs_after": play.outs_after,
                "score_after": f"{play.score_after[0]}-{play.score_after[1]}",
                "win_probability_before": before,
                "win_probability_after": after,
                "wpa": wpa,
            }
        )
    return rows


def _win_probabilities(game: Game) -> dict[int, tuple[float | None, float | None]]:
    """Each play's home win probability before and after it, by play number: the summaries written with the
    action before the one that made it and with that action."""
    chances: dict[int, tuple[float | None, float | None]] = {}
    previous: float | None = None
    for events, summary in GameAction.objects.filter(game=game).order_by("version").values_list("events", "summary"):
        now = (summary or {}).get("win_probability")
        for event in events or ():
            if event.get("event") == "play":
                chances[int(event["number"])] = (previous, now)
        previous = now
    return chances
