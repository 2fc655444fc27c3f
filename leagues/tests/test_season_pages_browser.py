"""The season in a real Chromium on a phone: this week's scheduled games in the lobby with Play, then the
standings, leaders and schedule pages, none scrolling sideways. Screenshots go to the artifacts directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, expect

from games.access import SYSTEM
from games.services import game_create_scheduled
from games.tests.live_helpers import load_two_teams
from games.tests.test_pages_browser import MOBILE, assert_no_horizontal_scroll, sign_in
from leagues.models import ScheduledGame
from leagues.schedule import schedule_generate
from scorecard.tests.servers import DaphneWorker


@pytest.fixture
def season_world(daphne_worker: DaphneWorker) -> dict[str, Any]:
    """Two PD teams, 3-game series twice; game 1 of week 1 played AI against AI; a manager of the first team."""
    league = load_two_teams("pd")
    for team in league.teams.all():
        team.managers.clear()
    season = league.seasons.get(is_current=True)
    teams = list(league.teams.order_by("abbreviation"))
    schedule_generate(season=season, teams=teams, meetings=2, series_length=3)
    slots = list(ScheduledGame.objects.filter(series__season=season).order_by("series__week", "number"))
    game_create_scheduled(scheduled=slots[0], user=SYSTEM)
    user = get_user_model().objects.create_user("skipper", first_name="Sam")
    teams[0].managers.add(user)
    return {"league": league, "slots": slots}


def test_a_manager_plays_this_weeks_game_and_reads_the_season_on_a_phone(
    daphne_worker: DaphneWorker, season_world: dict[str, Any], browser: Browser, artifacts_dir: Path
) -> None:
    base = daphne_worker.base_url
    code = season_world["league"].code
    page = browser.new_page(viewport=MOBILE)  # type: ignore[arg-type]
    sign_in(page, base, "skipper", "Sam")
    week = page.locator("section[aria-labelledby=this-week]")
    expect(week.locator(".scheduled-card")).to_have_count(3)
    expect(week.get_by_role("link", name="Box score")).to_have_count(1)
    expect(week.get_by_role("button", name="Play")).to_have_count(2)
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / "lobby-this-week-mobile.png"), full_page=True)
    week.get_by_role("button", name="Play").first.click()
    page.wait_for_url("**/lineup/**")
    expect(page.locator(".messages")).to_contain_text("Week 1 · Game 2 of 3: set your lineup.")

    for name in ("standings", "leaders", "schedule"):
        page.goto(f"{base}/leagues/{code}/{name}/")
        expect(page.locator("h1")).to_have_text(name.capitalize())
        assert_no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts_dir / f"season-{name}-mobile.png"), full_page=True)
    page.goto(f"{base}/leagues/{code}/standings/")
    expect(page.locator("table.standings tbody tr")).to_have_count(2)
    expect(page.locator("table.standings tbody tr").first.locator("td").nth(7)).to_have_text("W1")
    page.close()
