"""Standing orders in a real Chromium against a real daphne worker: from the game page to the orders page and
back, the saved orders reach the live game; the page fits a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, expect

from games.models import Game
from games.tests.live_helpers import demo_game
from games.tests.test_pages_browser import DESKTOP, MOBILE, assert_no_horizontal_scroll, db, sign_in
from scorecard.tests.servers import DaphneWorker


@pytest.fixture
def game(daphne_worker: DaphneWorker) -> Game:
    """A live PD game whose home team "skipper" manages (made before `browser`, as `world` is)."""
    game = Game.objects.select_related("home_team").get(pk=demo_game("pd").pk)
    game.home_team.managers.add(get_user_model().objects.create_user("skipper", first_name="Sam"))
    return game


def test_orders_saved_from_the_game_page_reach_the_game(
    daphne_worker: DaphneWorker, game: Game, browser: Browser, artifacts_dir: Path
) -> None:
    base = daphne_worker.base_url
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[arg-type]
    sign_in(page, base, "skipper", "Sam")
    page.goto(f"{base}/games/{game.pk}/")
    page.get_by_role("link", name="Standing orders").click()
    expect(page.get_by_role("heading", name=f"Standing orders: {game.home_team.name}")).to_be_visible()
    page.get_by_label("Steal", exact=True).select_option("never")
    page.get_by_label("Don't relieve before the").select_option("6")
    page.get_by_label("Substitutions: pitching changes, pinch hitters and runners").check()
    page.screenshot(path=str(artifacts_dir / "orders-desktop.png"), full_page=True)
    page.get_by_role("button", name="Save standing orders").click()
    page.wait_for_url(f"{base}/games/{game.pk}/")
    expect(page.locator(".messages")).to_contain_text("Standing orders saved")
    saved = db(lambda: Game.objects.get(pk=game.pk).home_orders)
    assert saved == {"steal": "never", "relieve_from_inning": 6, "automatic": ["substitutions"]}

    phone = browser.new_page(viewport=MOBILE)  # type: ignore[arg-type]
    sign_in(phone, base, "skipper", "Sam")
    phone.goto(f"{base}/games/teams/{game.home_team_id}/orders/")
    expect(phone.get_by_label("Steal", exact=True)).to_have_value("never")
    assert_no_horizontal_scroll(phone)
    phone.screenshot(path=str(artifacts_dir / "orders-phone.png"), full_page=True)
