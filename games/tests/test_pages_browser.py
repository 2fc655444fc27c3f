"""The lobby, the new-game form and the lineup builder in a real Chromium against a real daphne worker: sign in
with the dev login, create a game against the AI, have an invalid lineup refused at its slot, fix it and land on
the game page. Screenshots at desktop and phone sizes go to the artifacts directory."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from playwright.sync_api import Browser, Page, expect

from games.models import Game, GameStatus, Lineup
from games.tests.factories import GameFactory
from games.tests.live_helpers import demo_game, load_two_teams
from leagues.models import League, Team
from scorecard.tests.servers import DaphneWorker

T = TypeVar("T")
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}


def assert_no_horizontal_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]


def db(query: Callable[[], T]) -> T:
    """Run a database read while Playwright drives the browser: in a thread of its own (Playwright's event loop
    lives in this one, and Django refuses blocking queries there), closing that thread's connection after."""

    def run() -> T:
        try:
            return query()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def world(daphne_worker: DaphneWorker) -> dict[str, Any]:
    """The PD league's first two teams, a manager of the first, a live and a finished public game (committed).
    Ask for it before `browser`: starting a game broadcasts through async_to_sync, which needs no running loop."""
    league: League = load_two_teams("pd")
    mine, theirs = list(league.teams.order_by("abbreviation"))[:2]
    user = get_user_model().objects.create_user("skipper", first_name="Sam")
    mine.managers.add(user)
    live = Game.objects.select_related("league", "away_team", "home_team").get(pk=demo_game("pd").pk)
    final = GameFactory(
        league=league, home_team=theirs, away_team=mine, status=GameStatus.COMPLETED, away_score=5, home_score=4
    )
    return {"league": league, "mine": mine, "theirs": theirs, "user": user, "live": live, "final": final}


def sign_in(page: Page, base_url: str, username: str, shown_as: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="sign in without Discord").click()
    page.get_by_label("Username").fill(username)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(base_url + "/")
    expect(page.locator(".site-header .user-name")).to_have_text(shown_as)


def slot(page: Page, number: int) -> Any:
    return page.locator(f'.slot[data-slot="{number}"]')


def player_value(page: Page, number: int) -> str:
    return str(page.locator(f'select[name="slot_{number}_player"]').input_value())


def test_create_a_game_against_the_ai_and_build_a_lineup(
    daphne_worker: DaphneWorker, world: dict[str, Any], browser: Browser, artifacts_dir: Path
) -> None:
    base = daphne_worker.base_url
    mine: Team = world["mine"]
    theirs: Team = world["theirs"]
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[arg-type]
    page.goto(base + "/")
    expect(page.get_by_role("button", name="Sign in with Discord")).to_be_visible()
    live = world["live"]
    watch = f"Watch: {live.away_team.name} 0 at {live.home_team.name} 0, {live.league.name}, live"
    expect(page.get_by_role("link", name=watch)).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "lobby-signed-out-desktop.png"), full_page=True)

    sign_in(page, base, "skipper", "Sam")
    expect(page.get_by_role("heading", name="My teams")).to_be_visible()
    expect(page.locator(".team-card")).to_contain_text(mine.name)
    page.screenshot(path=str(artifacts_dir / "lobby-desktop.png"), full_page=True)

    page.get_by_role("link", name="New game").first.click()
    expect(page.get_by_role("heading", name="New game")).to_be_visible()
    # The page's script keeps my own team out of the opponents.
    expect(page.locator(f'#id_opponent option[value="{mine.pk}"]')).to_be_disabled()
    page.get_by_label("Opponent", exact=True).select_option(str(theirs.pk))
    page.get_by_label("Opponent played by").select_option("safe")
    page.screenshot(path=str(artifacts_dir / "new-game-desktop.png"), full_page=True)
    page.get_by_role("button", name="Create game & set lineup").click()

    page.wait_for_url("**/lineup/**")
    game = db(lambda: Game.objects.select_related("home_team", "away_team").get(status=GameStatus.PENDING))
    assert (game.home_team, game.away_team, game.away_is_ai, game.ai_difficulty) == (mine, theirs, True, "safe")
    assert db(lambda: Lineup.objects.filter(game=game, team=theirs, is_starter=True).count()) == 10
    expect(page.get_by_role("heading", name=f"{mine.name} lineup")).to_be_visible()

    # An invalid lineup: the AI's suggestion with the leadoff batter also batting third.
    page.get_by_role("button", name="AI suggest").click()
    expect(page.locator(".messages")).to_contain_text("The AI suggests this lineup")
    page.locator('select[name="slot_3_player"]').select_option(player_value(page, 1))
    page.screenshot(path=str(artifacts_dir / "lineup-desktop.png"), full_page=True)
    page.get_by_role("button", name="Save lineup").click()
    expect(slot(page, 3).locator(".slot-error")).to_contain_text("appears twice")
    expect(slot(page, 3)).to_have_class("slot has-error")
    expect(slot(page, 2).locator(".slot-error")).to_have_count(0)
    assert not db(lambda: Lineup.objects.filter(game=game, team=mine).exists())
    page.screenshot(path=str(artifacts_dir / "lineup-error-desktop.png"), full_page=True)

    # Fix it by taking the suggestion again, then reorder by keyboard and by dragging before saving.
    page.get_by_role("button", name="AI suggest").click()
    first, second, third = (player_value(page, n) for n in (1, 2, 3))
    page.get_by_role("button", name="Move batter 2 up").focus()
    page.keyboard.press("Enter")
    assert (player_value(page, 1), player_value(page, 2)) == (second, first)
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Move batter 1 up" or focused == "Move batter 1 down"
    page.locator(".slot-handle").nth(0).drag_to(slot(page, 3))
    assert [player_value(page, n) for n in (1, 2, 3)] == [first, third, second]
    page.get_by_role("button", name="Save lineup").click()

    page.wait_for_url(f"{base}/games/{game.pk}/")
    assert db(lambda: Game.objects.get(pk=game.pk).status) == GameStatus.ACTIVE
    assert db(lambda: Lineup.objects.filter(game=game, team=mine, is_starter=True).count()) == 10
    assert db(lambda: Lineup.objects.filter(game=game, team=theirs, is_starter=True).count()) == 10
    batting = db(
        lambda: list(Lineup.objects.filter(game=game, team=mine, batting_order__in=(1, 2, 3)).order_by("batting_order"))
    )
    assert [f"{row.player_id}:{row.card_id}" for row in batting] == [first, third, second]
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_fit_a_phone(
    daphne_worker: DaphneWorker, world: dict[str, Any], browser: Browser, artifacts_dir: Path, scheme: str
) -> None:
    base = daphne_worker.base_url
    suffix = "" if scheme == "light" else "-dark"
    page = browser.new_page(viewport=MOBILE, color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(base + "/")
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / f"lobby-signed-out-mobile{suffix}.png"), full_page=True)
    sign_in(page, base, "skipper", "Sam")
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / f"lobby-mobile{suffix}.png"), full_page=True)

    page.get_by_role("link", name="New game").first.click()
    page.get_by_label("Opponent", exact=True).select_option(str(world["theirs"].pk))
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / f"new-game-mobile{suffix}.png"), full_page=True)
    page.get_by_role("button", name="Create game & set lineup").click()

    page.wait_for_url("**/lineup/**")
    page.get_by_role("button", name="AI suggest").click()
    page.locator('select[name="slot_4_player"]').select_option(player_value(page, 2))
    page.get_by_role("button", name="Save lineup").click()
    expect(slot(page, 4).locator(".slot-error")).to_contain_text("appears twice")
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / f"lineup-mobile{suffix}.png"), full_page=True)
    page.screenshot(path=str(artifacts_dir / f"lineup-mobile-first-screen{suffix}.png"))
    page.locator(".roster-card").screenshot(path=str(artifacts_dir / f"lineup-roster-mobile{suffix}.png"))

    page.goto(base + "/")
    expect(page.get_by_role("link", name="Set lineup")).to_be_visible()
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / f"lobby-my-games-mobile{suffix}.png"), full_page=True)
    page.close()


def test_the_lineup_builder_works_without_javascript(
    daphne_worker: DaphneWorker, world: dict[str, Any], browser: Browser
) -> None:
    base = daphne_worker.base_url
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)  # type: ignore[arg-type]
    page = context.new_page()
    sign_in(page, base, "skipper", "Sam")
    page.goto(base + "/games/new/")
    page.get_by_label("Opponent", exact=True).select_option(str(world["theirs"].pk))
    page.get_by_role("button", name="Create game & set lineup").click()
    page.wait_for_url("**/lineup/**")
    expect(page.locator(".slot-handle").first).to_be_hidden()  # dragging needs the script

    page.get_by_role("button", name="AI suggest").click()
    first, second = player_value(page, 1), player_value(page, 2)
    page.get_by_role("button", name="Move batter 1 down").click()  # a round trip to the server
    assert (player_value(page, 1), player_value(page, 2)) == (second, first)
    page.get_by_role("button", name="Save lineup").click()

    page.wait_for_url(re.compile(r"/games/[0-9a-f-]{36}/$"))
    game = db(lambda: Game.objects.get(home_team=world["mine"], status=GameStatus.ACTIVE))
    assert page.url == f"{base}/games/{game.pk}/"
    leadoff = db(lambda: Lineup.objects.get(game=game, team=world["mine"], batting_order=1))
    assert f"{leadoff.player_id}:{leadoff.card_id}" == second
    context.close()
