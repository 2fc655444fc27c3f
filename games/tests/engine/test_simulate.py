from games.engine import RuleOptions
from games.engine.play import StatLine
from games.engine.scenarios import demo_setup
from games.engine.simulate import simulate, summarize


def test_simulation_is_reproducible_and_plausible():
    first = simulate(demo_setup(), games=20, seed=5)
    second = simulate(demo_setup(), games=20, seed=5)
    assert (first.plate_appearances, first.avg, first.runs_per_team_game) == (
        second.plate_appearances,
        second.avg,
        second.runs_per_team_game,
    )
    assert 60 * 20 < first.plate_appearances < 100 * 20
    assert 0.15 < first.avg < 0.40
    assert first.obp > first.avg


def test_manual_league_simulates_by_reading_the_cards():
    summary = simulate(demo_setup(RuleOptions.sba()), games=2, seed=1)
    assert summary.plate_appearances > 60


def test_summary_rates():
    line = StatLine(pa=10, ab=8, hit=3, single=1, double=1, homerun=1, bb=1, hbp=1, so=2, runs=4)
    summary = summarize(line, games=1, seconds=0.5)
    assert (summary.avg, summary.obp, summary.slg, summary.k_rate, summary.hr_rate) == (0.375, 0.5, 0.875, 0.2, 0.1)
    assert summary.runs_per_team_game == 2.0
