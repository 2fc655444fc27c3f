"""The strategy scenarios (steals, bunts, hit-and-run, IBB, infield in, holds) in the SCENARIOS.md format."""

from pathlib import Path

from django.core.management import call_command

from games.engine.scenarios import load_cases, run_file

STRATEGY = Path(__file__).parent / "data" / "strategy_scenarios.json"


def test_every_strategy_scenario_passes():
    results = run_file(STRATEGY)
    assert len(results) == len(load_cases(STRATEGY)) >= 28
    assert [r.message for r in results if not r.passed] == []


def test_run_scenarios_command_runs_the_strategy_file(capsys):
    call_command("run_scenarios", str(STRATEGY))
    cases = len(load_cases(STRATEGY))
    assert capsys.readouterr().out.splitlines()[-1] == f"{cases} passed, 0 failed"
