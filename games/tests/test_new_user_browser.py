"""A brand-new user, end to end in Debian's Chromium against a real daphne worker: sign in as a demo team's GM
from the development sign-in, create a game against the AI from the lobby, have an invalid lineup refused at its
slot, fix it, play the game to the final out by clicking while an anonymous visitor watches it from the lobby, and
find the page's box score equal to the database. `new_user_plays_the_ai` is also run against `scripts/run` (the
embedded default) by scorecard/tests/test_run_script.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from games.models import Game
from games.tests.live_helpers import load_two_teams
from games.tests.test_game_page_browser import CLICK_LIMIT, DESKTOP, PRIMARY, click_primary, descriptions, game_over
from games.tests.test_pages_browser import db, player_value, slot
from leagues.models import League, Team
from scorecard.tests.servers import DaphneWorker

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass(frozen=True)
class FinishedGame:
    """What the database holds of a finished game: scores, hits per team and play descriptions in order."""

    status: str
    runs: dict[str, int]
    hits: dict[str, int]
    descriptions: list[str]


def new_user_plays_the_ai(
    browser: Browser,
    base: str,
    team_name: str,
    read_game: Callable[[str], FinishedGame],
    lineup_saved: Callable[[str], bool],
    screenshot: Path,
) -> str:
    """Runs the whole flow in `browser` against the server at `base`; returns the game's id. `read_game` and
    `lineup_saved` read the server's database (whatever it is) by game id."""
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base + "/")
    page.get_by_role("link", name="sign in without Discord").click()
    page.get_by_role("button", name=team_name).click()
    page.wait_for_url(base + "/")
    expect(page.locator(".team-card")).to_contain_text(team_name)

    page.get_by_role("link", name="New game").first.click()
    page.wait_for_selector("#id_opponent option[disabled]", state="attached")
    opponent = page.evaluate(
        """() => [...document.querySelectorAll('#id_opponent option')]
            .find(o => o.value && !o.disabled && !o.hidden).value"""
    )
    page.get_by_label("Opponent", exact=True).select_option(opponent)
    page.get_by_label("Opponent played by").select_option("balanced")
    page.get_by_role("button", name="Create game & set lineup").click()
    page.wait_for_url("**/lineup/**")
    game_id = page.url.split("/games/")[1].split("/")[0]

    page.get_by_role("button", name="AI suggest").click()
    page.locator('select[name="slot_5_player"]').select_option(player_value(page, 2))
    page.get_by_role("button", name="Save lineup").click()
    expect(slot(page, 5).locator(".slot-error")).to_contain_text("appears twice")
    assert not lineup_saved(game_id)

    page.get_by_role("button", name="AI suggest").click()
    page.get_by_role("button", name="Save lineup").click()
    page.wait_for_url(f"{base}/games/{game_id}/")
    expect(page.locator("#connection")).to_have_text("Live")
    for _ in range(3):
        click_primary(page)

    watcher = browser.new_page(viewport=DESKTOP)
    watcher.goto(base + "/")
    watcher.locator(f"a[href='/games/{game_id}/']").first.click()
    expect(watcher.locator(".role-badge")).to_have_text("Watching")
    expect(watcher.locator("#connection")).to_have_text("Live")

    clicks = 0
    while not game_over(page):
        assert clicks < CLICK_LIMIT, "the game did not end"
        expect(page.locator(PRIMARY)).to_be_visible()
        click_primary(page)
        clicks += 1

    final = read_game(game_id)
    assert final.status == "completed"
    expect(page.locator("#status-text")).to_have_text("Final")
    expect(page.locator("#connection")).to_have_text("Final")
    for side in ("away", "home"):
        row = page.locator(f"#box-body .box-line[data-side='{side}']")
        expect(row.locator(".ls-runs")).to_have_text(str(final.runs[side]))
        expect(row.locator(".ls-hits")).to_have_text(str(final.hits[side]))
    assert descriptions(page) == final.descriptions
    expect(watcher.locator("#status-text")).to_have_text("Final")
    assert descriptions(watcher) == final.descriptions
    page.screenshot(path=str(screenshot), full_page=True)
    watcher.close()
    page.close()
    return game_id


def read_game_orm(game_id: str) -> FinishedGame:
    def read() -> FinishedGame:
        game = Game.objects.get(pk=game_id)
        plays = game.plays.order_by("play_number")
        return FinishedGame(
            status=game.status,
            runs={"away": game.away_score, "home": game.home_score},
            hits={
                side: sum(p.hit for p in plays if p.half == half)
                for side, half in (("away", "top"), ("home", "bottom"))
            },
            descriptions=[p.description for p in plays],
        )

    return db(read)


@pytest.fixture
def two_teams(daphne_worker: DaphneWorker) -> tuple[League, Team, Team]:
    """The PD league's first two demo teams (committed; loaded before `browser` starts Playwright's loop)."""
    league = load_two_teams("pd")
    mine, theirs = list(Team.objects.filter(league=league).order_by("abbreviation"))[:2]
    return league, mine, theirs


def test_a_new_user_signs_in_builds_a_lineup_and_plays_the_ai_to_the_final_out(
    daphne_worker: DaphneWorker, two_teams: tuple[League, Team, Team], browser: Browser, artifacts_dir: Path
) -> None:
    _, mine, _ = two_teams
    game_id = new_user_plays_the_ai(
        browser,
        daphne_worker.base_url,
        mine.name,
        read_game_orm,
        lambda game_id: db(lambda: Game.objects.get(pk=game_id).lineups.filter(team=mine).exists()),
        artifacts_dir / "new-user-final-desktop.png",
    )
    assert db(lambda: Game.objects.get(pk=game_id).home_team) == mine
