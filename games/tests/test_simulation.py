"""Simulation on the demo cards: the adapter's lineups, rotation and pairings, determinism, the matchup, and the
``simulate`` command. No test here has database access: a query would fail it."""

import json
from collections import Counter
from dataclasses import replace
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from games.engine.ai import Personality
from games.engine.dice import SeededDice
from games.engine.enums import Position
from games.engine.options import RuleOptions
from games.engine.simulation import BattingTotals, at_bat_state, play_game
from games.engine.state import GameSetup
from games.simulation import (
    ROTATION,
    UnknownCard,
    league_options,
    sim_league,
    simulate_league,
    simulate_matchup,
    team_plan,
)
from players.demo_cards import demo_league

CONTRACT_KEYS = {
    "games",
    "plate_appearances",
    "seconds",
    "runs_per_team_game",
    "avg",
    "obp",
    "slg",
    "k_rate",
    "bb_rate",
    "hr_rate",
}
FIELD_POSITIONS = {"C", "1B", "2B", "3B", "SS", "LF", "CF", "RF"}


@pytest.mark.parametrize("code", ["pd", "sba"])
def test_every_team_gets_a_legal_lineup_of_rated_fielders(code):
    league = sim_league(code)
    for plan in league.teams:
        setup = plan.setup(0)
        GameSetup(league.options, setup, plan.setup(1), league.players)
        positions = {slot.position.value for slot in setup.lineup}
        assert positions == FIELD_POSITIONS | {"DH"}
        for slot in setup.lineup:
            if slot.position is not Position.DH:
                assert slot.position in league.players[slot.player].fielding, (plan.name, slot)
        assert len(plan.rotation) == ROTATION
        assert len(plan.bullpen) == 8
        assert len(plan.bench) == 13 - 9
        used = {slot.player for slot in setup.lineup} | {*plan.rotation, *setup.bench, *setup.bullpen}
        assert len(used) == 26


def test_the_best_hitters_bat_at_the_top():
    league = sim_league("pd")
    for plan in league.teams:
        order = [pid for pid, _ in plan.order]
        bench = set(plan.bench)
        assert bench.isdisjoint(order)
        assert len(set(order)) == 9


def test_rotation_uses_starter_n_mod_5():
    plan = sim_league("pd").teams[0]
    assert [plan.setup(n).pitcher for n in range(7)] == [*plan.rotation, *plan.rotation[:2]]
    assert plan.setup(3).pitcher not in plan.setup(3).bullpen
    assert plan.setup(0, starter=plan.bullpen[0]).pitcher == plan.bullpen[0]
    assert plan.bullpen[0] not in plan.setup(0, starter=plan.bullpen[0]).bullpen


def test_pairings_rotate_through_every_ordered_pair():
    league = sim_league("pd")
    pairs = [league.pairing(game) for game in range(12)]
    assert len(set(pairs)) == 12
    assert all(away != home for away, home in pairs)
    assert league.pairing(12) == pairs[0]
    assert Counter(home for _, home in pairs) == Counter({0: 3, 1: 3, 2: 3, 3: 3})


def test_without_the_dh_the_pitcher_bats_ninth_and_games_finish():
    league = sim_league("pd")
    options = RuleOptions(dh=False)
    plans = [team_plan(team, dh=False) for team in demo_league("pd").teams[:2]]
    away, home = plans[0].setup(2), plans[1].setup(0)
    assert away.lineup[-1].player == away.pitcher
    assert away.lineup[-1].position is Position.P
    totals = BattingTotals()
    result = play_game(GameSetup(options, away, home, league.players), SeededDice(3), totals)
    assert result.winner is not None
    assert totals["runs"] == sum(result.score)


def test_league_options():
    assert league_options("pd") == replace(RuleOptions.pd(), win_table="pd")
    assert league_options("sba").win_table == "sba"
    assert league_options("sba").injuries
    assert league_options("sba").resolution.value == "auto"
    with pytest.raises(ValueError, match="unknown league"):
        league_options("mlb")


def test_simulation_is_reproducible():
    first = simulate_league("pd", 6, seed=11)
    second = simulate_league("pd", 6, seed=11)
    assert first.results == second.results
    assert first.totals.counts == second.totals.counts
    assert simulate_league("pd", 6, seed=12).results != first.results


def test_league_run_adds_up():
    run = simulate_league("sba", 4, seed=1)
    assert run.totals.games == len(run.results) == 4
    assert run.totals["runs"] == sum(sum(result.score) for result in run.results)
    assert run.totals["pa"] == sum(result.plate_appearances for result in run.results)
    t = run.totals
    assert t["ab"] + t["bb"] + t["ibb"] + t["hbp"] + t["sac"] + t["sf"] == t["pa"]
    summary = run.summary()
    assert set(summary) >= CONTRACT_KEYS
    assert summary["plate_appearances"] == t["pa"]
    with pytest.raises(ValueError, match="at least 1"):
        simulate_league("pd", 0, seed=1)


def test_per_team_game_figures_add_up():
    run = simulate_league("sba", 6, seed=2, home_ai=Personality.BALANCED, away_ai=Personality.BALANCED)
    t = run.totals
    figures = run.per_team_game()
    assert set(figures) == {"sb", "cs", "no_jump", "wp", "pb", "balks", "hit_and_runs", "runs", "avg"}
    assert figures["runs"] == round(t["runs"] / 12, 3)
    assert figures["sb"] == round(t["sb"] / 12, 3)
    assert figures["wp"] == round(t["wild_pitch"] / 12, 3)
    assert figures["pb"] == round(t["passed_ball"] / 12, 3)
    assert figures["avg"] == round(t["hit"] / t["ab"], 4)
    called = sum(result.tally["hit_and_runs"] for result in run.results)
    assert called > 0
    assert figures["hit_and_runs"] == round(called / 12, 3)
    assert figures["no_jump"] == round(sum(result.tally["steals_called_off"] for result in run.results) / 12, 3)
    assert run.summary()["per_team_game"] == figures


def test_at_bat_state_puts_the_batter_up_against_the_pitcher():
    league = sim_league("pd")
    plan = league.teams[0]
    setup = league.game_setup(plan.setup(0), league.teams[1].setup(0), plan.park)
    fifth = setup.away.lineup[4].player
    state = at_bat_state(setup, fifth, league.teams[1].rotation[3])
    assert state.batter == fifth
    assert state.pitcher == league.teams[1].rotation[3]
    assert state.away.lineup[4].player == setup.away.lineup[0].player
    assert [s.position for s in state.away.lineup] == [s.position for s in setup.away.lineup]


def test_matchup_counts_outcomes_against_expectation():
    result: dict[str, Any] = simulate_matchup("demo-pd-0001", "demo-pd-0014", 500, seed=3)
    assert sum(result["outcomes"].values()) == 500
    assert result["totals"]["pa"] == 500
    assert sum(result["expected"].values()) == pytest.approx(500, abs=0.5)
    again = simulate_matchup("demo-pd-0001", "demo-pd-0014", 500, seed=3)
    assert again["outcomes"] == result["outcomes"]
    assert again["totals"] == result["totals"]


@pytest.mark.parametrize(
    ("batter", "pitcher", "message"),
    [
        ("nobody", "demo-pd-0014", "unknown card id 'nobody'"),
        ("demo-pd-0001", "demo-pd-0002", "has no pitching card"),
        ("demo-pd-0001", "demo-sba-0014", "different leagues"),
    ],
)
def test_matchup_rejects_bad_cards(batter, pitcher, message):
    with pytest.raises(UnknownCard, match=message):
        simulate_matchup(batter, pitcher, 10, seed=1)


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("simulate", *args, stdout=out)
    return out.getvalue()


def test_command_json_has_the_contract_keys():
    summary = json.loads(run("--games", "3", "--seed", "4", "--json"))
    assert set(summary) >= CONTRACT_KEYS
    assert summary["games"] == 3
    assert summary["league"] == "pd"
    again = json.loads(run("--games", "3", "--seed", "4", "--json"))
    assert {k: v for k, v in again.items() if "second" not in k} == {
        k: v for k, v in summary.items() if "second" not in k
    }


def test_command_table():
    text = run("--games", "2", "--league", "sba")
    assert "2 games" in text
    assert "league sba" in text
    for name in ("runs_per_team_game", "avg", "obp", "slg", "k_rate", "bb_rate", "hr_rate"):
        assert name in text
    assert "per team per game: sb " in text


def test_command_matchup():
    result = json.loads(run("--matchup", "demo-pd-0001", "demo-pd-0014", "--pa", "50", "--json"))
    assert sum(result["outcomes"].values()) == 50
    assert "STRIKEOUT" in run("--matchup", "demo-pd-0001", "demo-pd-0014", "--pa", "50")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--games", "0"], "at least 1"),
        (["--games", "two"], "at least 1"),
        (["--games", "1", "--league", "mlb"], "invalid choice"),
        (["--games", "1", "--save"], "--save is not supported"),
        ([], "give --games"),
        (["--pa", "5"], "--pa goes with --matchup"),
        (["--matchup", "demo-pd-0001", "demo-pd-0014"], "needs --pa"),
        (["--matchup", "demo-pd-0001", "demo-pd-0014", "--pa", "0"], "at least 1"),
        (["--matchup", "demo-pd-0001", "demo-pd-0014", "--pa", "5", "--games", "2"], "not --games"),
        (["--matchup", "demo-pd-9999", "demo-pd-0014", "--pa", "5"], "unknown card id"),
    ],
)
def test_command_rejects_bad_arguments(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_command_shows_progress_only_on_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    run("--games", "2", "--json")
    assert "2/2" in capsys.readouterr().err
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    run("--games", "2", "--json")
    assert capsys.readouterr().err == ""
