"""The season end to end in a real Chromium: a manager signs in (development sign-in), finds this week's game in
the lobby, sets his lineup, plays the game to the end against the AI with routine decisions automatic, and the
league scoreboard (on a phone, over its socket), the standings, the leaders and his team's page all change."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, expect

from games.models import Game, GameStatus, Play
from games.tests.live_helpers import load_two_teams
from games.tests.test_game_page_browser import DESKTOP, off_loop, page_version
from games.tests.test_manager_browser import PRIMARY, WAIT_FOR_TURN
from games.tests.test_pages_browser import MOBILE, assert_no_horizontal_scroll, sign_in
from leagues.models import Team
from leagues.schedule import schedule_generate
from scorecard.tests.servers import DaphneWorker

pytestmark = pytest.mark.django_db(transaction=True)
MAX_CLICKS = 60


@pytest.fixture
def week_one(daphne_worker: DaphneWorker) -> dict[str, Any]:
    """Two PD teams meeting in one 1-game series in week 1 (nothing played); a manager of the first team, the
    second played by the AI."""
    league = load_two_teams("pd")
    for team in league.teams.all():
        team.managers.clear()
    season = league.seasons.get(is_current=True)
    season.current_week = 1
    season.save()
    teams = list(league.teams.order_by("abbreviation"))
    schedule_generate(season=season, teams=teams, meetings=1, series_length=1)
    user = get_user_model().objects.create_user("skipper", first_name="Sam")
    teams[0].managers.add(user)
    return {"league": league, "mine": teams[0]}


def _standings(page: Page, base: str, code: str) -> dict[str, list[str]]:
    page.goto(f"{base}/leagues/{code}/standings/")
    rows = page.locator("table.standings tbody tr")
    return {row.get_attribute("data-team") or "": row.locator("td").all_inner_texts() for row in rows.all()}


def _strikeout_leaders(page: Page, base: str, code: str) -> list[str]:
    page.goto(f"{base}/leagues/{code}/leaders/")
    return page.locator('table[data-stat="so"] tbody td:first-child').all_inner_texts()


def test_a_manager_plays_this_weeks_game_against_the_ai_and_the_season_changes(
    daphne_worker: DaphneWorker, week_one: dict[str, Any], browser: Browser, artifacts_dir: Path
) -> None:
    base, code = daphne_worker.base_url, week_one["league"].code
    mine: Team = week_one["mine"]
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in(page, base, "skipper", "Sam")
    before = _standings(page, base, code)
    assert {tuple(cells[:2]) for cells in before.values()} == {("0", "0")}
    assert _strikeout_leaders(page, base, code) == ["Nobody qualifies yet."]

    page.goto(f"{base}/")
    week = page.locator("section[aria-labelledby=this-week]")
    expect(week.locator(".scheduled-card")).to_have_count(1)
    week.get_by_role("button", name="Play").click()
    page.wait_for_url("**/lineup/**")
    page.get_by_role("button", name="AI suggest").click()
    page.get_by_role("button", name="Save lineup").click()
    game = off_loop(lambda: Game.objects.get(scheduled__series__season__league__code=code))
    assert game.status == GameStatus.ACTIVE
    page.goto(f"{base}/games/{game.pk}/")
    expect(page.locator("#connection")).to_have_text("Live")

    phone = context.new_page()
    phone.set_viewport_size(MOBILE)  # type: ignore[arg-type]
    phone.goto(f"{base}/leagues/{code}/scoreboard/")
    expect(phone.locator(".scoreboard-status")).to_have_text("Live")
    card = phone.locator(f'.scoreboard-game[data-game="{game.pk}"]')
    expect(card).to_have_count(1)
    expect(phone.locator(".scoreboard-empty")).to_be_hidden()
    assert_no_horizontal_scroll(phone)
    phone.screenshot(path=str(artifacts_dir / "scoreboard-mobile.png"), full_page=True)

    page.locator("#decision button[data-act='auto_sides']").click()
    clicks = 1
    while True:
        page.wait_for_function(WAIT_FOR_TURN)
        if page.locator("#game").get_attribute("data-status") in ("completed", "forfeited"):
            break
        at = page_version(page)
        page.locator(PRIMARY).first.click()
        clicks += 1
        assert clicks <= MAX_CLICKS
        page.wait_for_function("v => Number(document.getElementById('game').dataset.version) > v", arg=at)
    off_loop(game.refresh_from_db)
    assert game.status == GameStatus.COMPLETED
    # the scoreboard heard the last action over its socket, without a reload
    expect(card.locator(".sb-inning")).to_have_text("Final")
    expect(card.locator(".sb-away-score")).to_have_text(str(game.away_score))
    expect(card.locator(".sb-home-score")).to_have_text(str(game.home_score))

    box_link = page.locator("table.box-batting a").first
    expect(box_link).to_have_attribute("href", re.compile(rf"^/leagues/{code}/players/\d+/$"))
    after = _standings(page, base, code)
    winner_id = game.home_team_id if game.home_score > game.away_score else game.away_team_id
    winner = off_loop(lambda: Team.objects.get(pk=winner_id).abbreviation)
    assert winner in after
    records = {team: (cells[0], cells[1], cells[7]) for team, cells in after.items()}
    assert sorted(records.values()) == [("0", "1", "L1"), ("1", "0", "W1")]
    assert records[winner] == ("1", "0", "W1")
    leaders = _strikeout_leaders(page, base, code)
    assert leaders != ["Nobody qualifies yet."]
    assert leaders[0].startswith("1. ")

    phone.goto(f"{base}/leagues/{code}/teams/{mine.pk}/")
    expect(phone.locator("table.team-schedule tbody tr")).to_have_count(1)
    expect(phone.locator("table.team-schedule tbody td").nth(3)).to_contain_text(
        f"{game.away_score}" if mine.pk == game.away_team_id else f"{game.home_score}"
    )
    batters = off_loop(
        lambda: Play.objects.filter(game=game, batter__team=mine, pa=1).values("batter__player").distinct().count()
    )
    expect(phone.locator("table.batting tbody tr")).to_have_count(batters)
    assert_no_horizontal_scroll(phone)
    phone.screenshot(path=str(artifacts_dir / "team-mobile.png"), full_page=True)
    phone.locator("table.batting tbody th a").first.click()
    expect(phone.locator("table.batting-log tbody tr")).to_have_count(1)
    assert_no_horizontal_scroll(phone)
    phone.screenshot(path=str(artifacts_dir / "player-mobile.png"), full_page=True)
    print(f"clicks to play this week's game against the AI: {clicks}")
    context.close()
