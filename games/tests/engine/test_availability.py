"""Rest and injuries between games (games/engine/availability.py): the rest chart, back to back, who is out at
which game of a team's schedule, and the league's w##g# dates."""

from __future__ import annotations

import doctest

import pytest

from games.engine import availability
from games.engine.availability import (
    AbsenceKind,
    InjuryOut,
    Outing,
    Rest,
    RestRule,
    absences_at,
    outing_rests,
    rest_after,
    rest_chart_errors,
    week_game_at,
    week_games,
)

RULE = RestRule()


def test_the_module_examples_hold() -> None:
    failures, tried = doctest.testmod(availability)
    assert (failures, tried > 0) == (0, True)


@pytest.mark.parametrize(("outs", "games"), [(0, 1), (3, 1), (4, 2), (9, 2), (10, 3), (15, 3), (16, 4), (27, 4)])
def test_a_relievers_base_rest_is_the_chart_band_of_his_outs(outs: int, games: int) -> None:
    assert rest_after(outs, started=False, back_to_back=False, rule=RULE) == Rest(games, 0)


def test_a_starter_rests_at_least_the_starter_games_and_never_back_to_back_extra() -> None:
    rule = RestRule(starter_games=5)
    assert rest_after(3, started=True, back_to_back=True, rule=rule) == Rest(5, 0)
    assert rest_after(27, started=True, back_to_back=False, rule=RestRule(starter_games=2)).required == 4


def test_a_reliever_who_pitched_back_to_back_rests_the_extra_games() -> None:
    rule = RestRule(back_to_back_games=2)
    rests = outing_rests([Outing(3, 9, 3, False), Outing(4, 9, 3, False), Outing(6, 9, 3, False)], rule)
    assert [rest.required for _, rest in rests] == [1, 3, 1]


def test_the_league_fixture_decisions_follow_the_default_chart() -> None:
    """sba_decisions_post.json: 6.0 and 5.0 IP starts rest 4, 2.0 and 3.0 IP relief 2, 1.0 IP back to back 1 + 1."""
    assert [
        rest_after(outs, started=started, back_to_back=b2b, rule=RULE)
        for outs, started, b2b in ((18, True, False), (15, True, False), (6, False, False), (9, False, False))
    ] == [Rest(4, 0), Rest(4, 0), Rest(2, 0), Rest(2, 0)]
    assert rest_after(3, started=False, back_to_back=True, rule=RULE) == Rest(1, 1)


def test_an_injury_of_n_games_keeps_him_out_of_exactly_the_next_n_games() -> None:
    hurt = [InjuryOut(index=2, player=5, games=3)]
    out = [index for index in range(10) if 5 in absences_at(index, outings=[], injuries=hurt, rule=RULE)]
    assert out == [3, 4, 5]
    assert absences_at(4, outings=[], injuries=hurt, rule=RULE)[5].returns == 6


def test_rest_counts_only_earlier_games_and_the_later_return_holds() -> None:
    outings = [Outing(0, 1, 18, True), Outing(5, 1, 3, False)]
    assert absences_at(0, outings=outings, injuries=[], rule=RULE) == {}
    assert [absences_at(i, outings=outings, injuries=[], rule=RULE).get(1) is not None for i in range(8)] == [
        False,
        True,
        True,
        True,
        True,
        False,
        True,
        False,
    ]
    both = absences_at(1, outings=[Outing(0, 1, 18, True)], injuries=[InjuryOut(0, 1, 1)], rule=RULE)[1]
    assert (both.kind, both.returns) == (AbsenceKind.REST, 5)
    tie = absences_at(1, outings=[Outing(0, 1, 3, False)], injuries=[InjuryOut(0, 1, 1)], rule=RULE)[1]
    assert (tie.kind, tie.returns) == (AbsenceKind.INJURED, 2)


def test_without_a_rest_rule_only_injuries_count() -> None:
    found = absences_at(1, outings=[Outing(0, 1, 27, True)], injuries=[InjuryOut(0, 2, 4)], rule=None)
    assert list(found) == [2]


def test_week_and_game_dates_follow_the_teams_schedule_and_go_on_past_it() -> None:
    schedule = week_games([1, 1, 1, 1, 2, 2, 2, 2])
    assert schedule[3:5] == [(1, 4), (2, 1)]
    assert [week_game_at(schedule, index) for index in (7, 8, 11, 12)] == [(2, 4), (3, 1), (3, 4), (4, 1)]
    with pytest.raises(ValueError, match="no scheduled games"):
        week_game_at([], 0)


@pytest.mark.parametrize(
    ("chart", "message"),
    [
        ([], "bands"),
        ([[1, 1]], "starts at 0 outs"),
        ([[0, 1], [0, 2]], "must increase"),
        ([[0, -1]], "whole numbers"),
        ([[0, True]], "whole numbers"),
        ("0-3:1", "bands"),
    ],
)
def test_a_bad_rest_chart_is_refused_with_its_reason(chart: object, message: str) -> None:
    assert any(message in problem for problem in rest_chart_errors(chart))
    with pytest.raises(ValueError, match=message):
        RestRule(chart=chart)  # type: ignore[arg-type]
