import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from games.engine.scenarios import ScenarioError, load_cases, run_cases, run_file

SCENARIOS = Path(__file__).parent / "data" / "scenarios.json"
FATIGUE_SCENARIOS = Path(__file__).parent / "data" / "fatigue_scenarios.json"


def test_every_shared_scenario_passes():
    results = run_file(SCENARIOS)
    assert len(results) == 42
    assert [r.message for r in results if not r.passed] == []


def test_every_fatigue_and_injury_scenario_passes():
    results = run_file(FATIGUE_SCENARIOS)
    assert len(results) == 29
    assert [r.message for r in results if not r.passed] == []


def test_command_prints_summary_and_exits_zero(capsys):
    call_command("run_scenarios", str(SCENARIOS))
    assert capsys.readouterr().out.splitlines()[-1] == "42 passed, 0 failed"


def test_command_reports_failures_and_exits_nonzero(tmp_path, capsys):
    case = {"id": "wrong", "start": {"bases": "---"}, "outcome": "STRIKEOUT", "expect": {"outs": 2}}
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([case]))
    with pytest.raises(SystemExit) as exit_info:
        call_command("run_scenarios", str(path))
    assert exit_info.value.code == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FAIL wrong: outs: expected 2, got 1")
    assert lines[-1] == "0 passed, 1 failed"


@pytest.mark.parametrize("content", ["{", '{"id": "x"}', '[{"no": "id"}]'])
def test_malformed_file_is_a_clear_error(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ScenarioError):
        load_cases(path)
    with pytest.raises(CommandError):
        call_command("run_scenarios", str(path))


def test_a_case_that_cannot_be_built_fails_with_its_reason():
    [result] = run_cases([{"id": "bad", "start": {"bases": "x"}, "expect": {}}])
    assert not result.passed
    assert "bad bases" in result.message


def test_sba_league_case_with_forced_outcome_and_no_location():
    case = {"id": "sba", "league": "sba", "start": {"bases": "1--"}, "outcome": "GROUNDBALL_B", "expect": {"outs": 1}}
    [result] = run_cases([case])
    assert result.passed, result.message


def test_sba_league_case_reads_the_given_cards_when_no_outcome_is_forced():
    case = {
        "id": "sba-read",
        "league": "sba",
        "start": {"bases": "---"},
        "dice": {"column": 2},
        "batter": {"card": {"walk": 108.0}},
        "expect": {"outcome": "WALK", "bases": "1--"},
    }
    [result] = run_cases([case])
    assert result.passed, result.message
