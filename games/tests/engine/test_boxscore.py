"""Box score: totals agree with the plays, earned runs, inherited runners, substitutes, W/L/S."""

import json
from collections import Counter
from dataclasses import fields, replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from games.engine import Half, Movement, Play, Player, PlayType, Side, StatLine
from games.engine.boxscore import Decisions, ReliefDecisions, box_score, innings_pitched, relief_decisions
from games.engine.scenarios import demo_setup
from games.engine.state import GameSetup
from games.tests.engine.simulated import seeded_games

RELIEVERS = ("ar1", "ar2", "hr1")

PLAY_EXTRAS: dict[str, Any] = {"charged": ()} if "charged" in {f.name for f in fields(Play)} else {}
"""Fields a newer engine's Play requires that the box score does not read."""
BENCH = ("a10", "a11")


def _bases(bases: list[str | None]) -> tuple[str | None, str | None, str | None]:
    first, second, third = bases
    return first, second, third


def make_setup() -> GameSetup:
    demo = demo_setup()
    players = dict(demo.players)
    for pid in RELIEVERS + BENCH:
        players[pid] = Player(pid, f"Extra {pid}", batting=players["ap"].batting, pitching=players["ap"].pitching)
    return GameSetup(
        demo.options,
        replace(demo.away, bullpen=("ar1", "ar2"), bench=BENCH),
        replace(demo.home, bullpen=("hr1",)),
        players,
    )


class Scribe:
    """Hand-built plays: batters come up in order; runners advance as the method says."""

    def __init__(self):
        self.plays: list[Play] = []
        self.inning, self.half, self.outs = 1, Half.TOP, 0
        self.bases: list[str | None] = [None, None, None]
        self.score = [0, 0]
        self.order = {Side.AWAY: 0, Side.HOME: 0}
        self.pitchers = {Side.AWAY: "ap", Side.HOME: "hp"}

    @property
    def side(self) -> Side:
        return Side.AWAY if self.half is Half.TOP else Side.HOME

    def pitch(self, pid: str) -> "Scribe":
        """``pid`` takes over for the team in the field now."""
        self.pitchers[self.side.other] = pid
        return self

    def _batter(self, batter: str | None) -> str:
        prefix = "a" if self.side is Side.AWAY else "h"
        index = self.order[self.side]
        self.order[self.side] = index + 1
        return batter or f"{prefix}{index % 9 + 1}"

    def _play(self, batter: str, advance: int, batter_to: int, errors: int = 0, **stats: Any) -> "Scribe":
        before = _bases(self.bases)
        moves: list[Movement] = []
        scored: list[str] = []
        after: list[str | None] = [None, None, None]
        for base, runner in enumerate(before, start=1):
            if runner is None:
                continue
            forced = all(before[b - 1] for b in range(1, base)) and batter_to > 0
            end = min(base + advance, 4) if advance or forced else base
            if not advance and forced and batter_to:
                end = base + 1
            moves.append(Movement(runner, base, end))
            if end == 4:
                scored.append(runner)
            else:
                after[end - 1] = runner
        moves.append(Movement(batter, 0, batter_to))
        if batter_to == 4:
            scored.append(batter)
        elif batter_to:
            after[batter_to - 1] = batter
        outs = self.outs + (batter_to == 0)
        side = 0 if self.side is Side.AWAY else 1
        self.score[side] += len(scored)
        over = outs == 3
        play = Play(
            **PLAY_EXTRAS,
            number=len(self.plays) + 1,
            inning=self.inning,
            half=self.half,
            batting_side=self.side,
            batter=batter,
            pitcher=self.pitchers[self.side.other],
            play_type=PlayType.AT_BAT,
            outcome=None,
            fielder=None,
            rolls=(),
            bases_before=before,
            bases_after=(None, None, None) if over else _bases(after),
            outs_before=self.outs,
            outs_after=outs,
            movements=tuple(moves),
            scored=tuple(scored),
            errors=errors,
            description="",
            stats=StatLine(pa=1, outs=outs - self.outs, runs=len(scored), **stats),
            score_after=(self.score[0], self.score[1]),
            inning_over=over,
            game_over=False,
        )
        self.plays.append(play)
        self.outs, self.bases = outs, after
        if over:
            self.outs, self.bases = 0, [None, None, None]
            if self.half is Half.TOP:
                self.half = Half.BOTTOM
            else:
                self.half, self.inning = Half.TOP, self.inning + 1
        return self

    def out(self, batter=None) -> "Scribe":
        return self._play(self._batter(batter), 0, 0, ab=1, so=1)

    def hit(self, bases=1, batter=None, *, error_bases=0) -> "Scribe":
        """A hit of ``bases``; with ``error_bases`` an error moves everyone that much further."""
        names = {2: "double", 3: "triple", 4: "homerun"}
        extra = {names[bases]: 1} if bases in names else {}
        reach = bases + error_bases
        runs = sum(1 for b, r in enumerate(self.bases, start=1) if r and b + reach >= 4) + (reach >= 4)
        if error_bases:
            return self._play(self._batter(batter), reach, min(reach, 4), 1, ab=1, hit=1, error=1, **extra)
        return self._play(self._batter(batter), bases, bases, ab=1, hit=1, rbi=runs, **extra)

    def hr(self) -> "Scribe":
        return self.hit(4)

    def walk(self) -> "Scribe":
        return self._play(self._batter(None), 0, 1, bb=1)

    def roe(self) -> "Scribe":
        """The batter reaches first on an error; runners move up one."""
        return self._play(self._batter(None), 1, 1, errors=1, ab=1, error=1)

    def quiet(self, halves=1) -> "Scribe":
        for _ in range(halves):
            for _ in range(3 - self.outs):
                self.out()
        return self

    def innings(self, first: int, last: int, changes=None) -> "Scribe":
        """Quiet innings ``first``-``last`` (top, then bottom); ``changes`` maps an inning to the away reliever
        who takes over for its bottom half."""
        for inning in range(first, last + 1):
            self.quiet()
            if inning in (changes or {}):
                self.pitch(changes[inning])
            self.quiet()
        return self

    def finish(self) -> list[Play]:
        last = self.plays[-1]
        self.plays[-1] = replace(last, game_over=True, inning_over=True)
        return self.plays


def decisions(plays) -> Decisions:
    return box_score(make_setup(), plays).decisions


def test_starter_with_five_innings_wins_and_the_reliever_saves():
    s = Scribe().hr().quiet(2).innings(2, 9, {7: "ar1"})
    assert decisions(s.finish()) == Decisions(win="ap", loss="hp", save="ar1")


def test_short_starter_gives_the_win_to_the_reliever_and_a_big_lead_no_save():
    s = Scribe().hr().quiet(2).innings(2, 8, {5: "ar1"})
    s.hr().hr().hr().hr().quiet().pitch("ar2").quiet()
    box = box_score(make_setup(), s.finish())
    assert box.decisions == Decisions(win="ar1", loss="hp", save=None)
    assert [(line.player, line.ip, line.decision) for line in box.away_pitching] == [
        ("ap", "4.0", None),
        ("ar1", "4.0", "W"),
        ("ar2", "1.0", None),
    ]


def test_blown_lead_win_goes_to_the_pitcher_of_record():
    s = Scribe().hr().hr().quiet(2).innings(2, 6)
    s.quiet().pitch("ar1").hr().hr().quiet()
    s.pitch("hr1").hr().quiet().quiet().quiet().pitch("ar2").quiet()
    assert decisions(s.finish()) == Decisions(win="ar1", loss="hr1", save="ar2")


def closer_game(lead: int, *, enter_inning: int = 9, walks: int = 0) -> list[Play]:
    """The away team leads by ``lead`` from the first; ``ar2`` takes over for the home ``enter_inning``,
    after ``ar1`` walks ``walks`` batters there."""
    s = Scribe()
    for _ in range(lead):
        s.hr()
    s.quiet(2)
    for inning in range(2, 10):
        s.quiet()
        if inning == enter_inning:
            s.pitch("ar1")
            for _ in range(walks):
                s.walk()
            s.pitch("ar2")
        elif inning == 6:
            s.pitch("ar1")
        s.quiet()
    return s.finish()


@pytest.mark.parametrize(
    ("lead", "enter_inning", "walks", "save"),
    [
        (3, 9, 0, "ar2"),
        (4, 9, 0, None),
        (4, 9, 2, "ar2"),
        (5, 9, 2, None),
        (6, 7, 0, "ar2"),
    ],
)
def test_save_situations(lead, enter_inning, walks, save):
    result = decisions(closer_game(lead, enter_inning=enter_inning, walks=walks))
    assert (result.win, result.save) == ("ap", save)


def test_walk_off_loss_goes_to_the_reliever():
    s = Scribe().hr().quiet().hr().quiet().innings(2, 8)
    s.quiet().pitch("ar1").hit(1).hit(3)
    box = box_score(make_setup(), s.finish())
    assert box.decisions == Decisions(win="hp", loss="ar1", save=None)
    assert box.line.home.innings == (1, 0, 0, 0, 0, 0, 0, 0, 1)
    assert (box.line.away.runs, box.line.home.runs) == (1, 2)


def test_runs_after_an_error_are_unearned():
    one = box_score(make_setup(), Scribe().roe().hr().quiet().plays)
    assert [(line.r, line.er) for line in one.home_pitching] == [(2, 1)]
    assert one.line.home.errors == 1
    two = box_score(make_setup(), Scribe().out().out().roe().hr().quiet().plays)
    assert [(line.r, line.er) for line in two.home_pitching] == [(2, 0)]


def test_a_run_on_a_hit_with_an_error_is_earned_only_when_the_hit_would_score_it():
    from_second = Scribe().hit(2).hit(1, error_bases=1).quiet().plays
    assert [(line.r, line.er) for line in box_score(make_setup(), from_second).home_pitching] == [(1, 1)]
    from_first = Scribe().hit(1).hit(1, error_bases=2).quiet().plays
    assert [(line.r, line.er) for line in box_score(make_setup(), from_first).home_pitching] == [(1, 0)]


def test_inherited_runners_are_charged_to_the_pitcher_who_put_them_on():
    box = box_score(make_setup(), Scribe().hit().pitch("hr1").hr().quiet().plays)
    lines = {line.player: line for line in box.home_pitching}
    assert (lines["hp"].r, lines["hp"].bf, lines["hp"].outs) == (1, 1, 0)
    assert (lines["hr1"].r, lines["hr1"].inherited, lines["hr1"].inherited_scored) == (1, 1, 1)


def test_substitutes_are_listed_under_their_slot():
    s = Scribe().hit()
    s.bases[0] = "a11"
    s.out().hit(batter="a10").quiet()
    batting = box_score(make_setup(), s.plays).away_batting
    assert [(line.slot, line.player, line.position, line.substitute) for line in batting[:5]] == [
        (1, "a1", "C", False),
        (1, "a11", "PR", True),
        (2, "a2", "1B", False),
        (3, "a3", "2B", False),
        (3, "a10", "PH", True),
    ]
    assert batting[4].h == 1


def test_innings_pitched_notation():
    assert [innings_pitched(outs) for outs in (0, 1, 2, 3, 17, 27)] == ["0.0", "0.1", "0.2", "1.0", "5.2", "9.0"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seeded_games)
def test_box_score_agrees_with_the_plays(book):
    plays = book.log.plays
    box = box_score(book.setup, plays)
    assert (box.line.away.runs, box.line.home.runs) == book.state.score
    for index, side in enumerate(Side):
        mine = [play for play in plays if play.batting_side is side]
        line, batting = box.line.team(side), box.batting(side)
        assert sum(run or 0 for run in line.innings) == line.runs
        assert line.hits == book.state.hits[index] == sum(b.h for b in batting)
        assert line.errors == book.state.errors[index]
        for key, stat in (("ab", "ab"), ("h", "hit"), ("so", "so"), ("rbi", "rbi")):
            assert sum(getattr(b, key) for b in batting) == sum(getattr(p.stats, stat) for p in mine)
        assert sum(b.bb for b in batting) == sum(p.stats.bb + p.stats.ibb for p in mine)
        assert sum(b.r for b in batting) == line.runs
        pitching = box.pitching(side.other)
        assert sum(p.outs for p in pitching) == sum(play.stats.outs for play in mine)
        assert sum(p.bf for p in pitching) == sum(play.stats.pa for play in mine)
        assert sum(p.r for p in pitching) == line.runs
        assert all(0 <= p.er <= p.r for p in pitching)
    if PLAY_EXTRAS:
        engine = Counter(pid for play in plays for pid, runs in play.charged for _ in range(runs))
        charged = Counter({line.player: line.r for side in Side for line in box.pitching(side) if line.r})
        assert charged == engine
    winner = book.state.winner
    if winner is not None:
        assert box.decisions.win in {p.player for p in box.pitching(winner)}
        assert box.decisions.loss in {p.player for p in box.pitching(winner.other)}
    assert json.loads(json.dumps(box.to_dict()))["teams"]["home"]["line"]["runs"] == box.line.home.runs


@pytest.mark.parametrize(
    ("lead", "walks", "holds"),
    [
        (3, 0, ("ar1",)),  # ar1 enters the 6th up three: a save situation he keeps, so a hold (ar2 saves)
        (4, 0, ()),  # up four with the bases empty: not a save situation
    ],
)
def test_holds_go_to_relievers_who_keep_a_save_situation(lead, walks, holds):
    plays = closer_game(lead, walks=walks)
    assert relief_decisions(make_setup(), plays) == ReliefDecisions(holds=holds, blown_saves=())


def test_a_reliever_who_loses_the_lead_blows_the_save_and_may_still_win():
    s = Scribe().hr().hr().quiet(2).innings(2, 6)
    s.quiet().pitch("ar1").hr().hr().quiet()
    s.pitch("hr1").hr().quiet().quiet().quiet().pitch("ar2").quiet()
    plays = s.finish()
    assert relief_decisions(make_setup(), plays) == ReliefDecisions(holds=(), blown_saves=("ar1",))
    assert decisions(plays).win == "ar1"


def test_an_unfinished_game_has_no_relief_decisions():
    plays = Scribe().hr().quiet(2).pitch("ar1").plays
    assert relief_decisions(make_setup(), plays) == ReliefDecisions()
