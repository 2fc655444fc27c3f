"""In Debian's Chromium against a real daphne worker: the steal odds in the offense's decision panel and the roll's
why line after the call, the finished game's Rematch button, and the printable scoresheet (desktop, phone, dark,
print) with screenshots."""

from __future__ import annotations

import math
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from games import engine
from games.engine.choices import steal_calls
from games.engine.steal import steal_call_odds
from games.models import Game, GameStatus
from games.services import game_apply_action
from games.setup import game_setup
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, next_body, play_to_end
from games.tests.test_game_page_browser import (  # noqa: F401 (orm_beside_playwright: an autouse fixture)
    MOBILE,
    off_loop,
    open_game,
    orm_beside_playwright,
    signed_in_context,
)
from scorecard.tests.servers import DaphneWorker

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/work/notes/shots")
STEAL_WHY = re.compile(r"Lead \(2d6 \d-\d = \d+\): a jump needs under \d+ of 36|Jump check \(d20 [12]\)|Lead: auto")


def shot(page: Page, artifacts_dir: Path, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / name), full_page=True)
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / name), full_page=True)


def _pct(value: float) -> str:
    return f"{math.floor(value * 100 + 0.5)}%"  # as the page's Math.round


def _to_a_steal_call(game: Game, user) -> engine.GameState:
    """Plays the AI's choices for the away manager (the AI answers home) until he may call a steal."""
    for _ in range(2_000):
        game.refresh_from_db()
        state = game_state(game)
        assert not state.game_over, "the seeded game ended before a runner could steal"
        if state.phase is engine.Phase.OFFENSE and state.actor is engine.Side.AWAY and steal_calls(state):
            return state
        game_apply_action(
            game_id=game.pk, user=user, action=next_body(game), action_id=uuid.uuid4(), expected_version=game.version
        )
    raise AssertionError("no steal call came up")


def test_the_panel_shows_the_steal_odds_the_why_line_the_roll_and_a_finished_game_offers_a_rematch(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    from django.contrib.auth import get_user_model

    game = off_loop(demo_game, home_is_ai=True)
    away = off_loop(lambda: get_user_model().objects.create_user("away-boss", password="pw"))
    off_loop(lambda: game.away_team.managers.add(away))
    state = off_loop(_to_a_steal_call, game, away)
    odds = off_loop(lambda: steal_call_odds(game_setup(game), state))
    context = signed_in_context(browser, daphne_worker, away)
    page = open_game(context, daphne_worker, game)
    expect(page.locator("#decision .panel-title")).to_have_text("Your offensive decision")
    rows = page.locator("#decision .steal-odds li")
    expect(rows).to_have_count(len(odds))
    for index, (base, _, free, held) in enumerate(odds):
        row = rows.nth(index)
        expect(row).to_have_attribute("data-runner", base.label)
        expect(row).to_contain_text(f"jump {_pct(free.lead)}")
        expect(row).to_contain_text(f"safe {_pct(free.roll)} with a jump")
        expect(row).to_contain_text(f"steals {_pct(free.safe)}")
        if held.lead != free.lead:
            expect(row).to_contain_text(f"({_pct(held.lead)} if held)")
    shot(page, artifacts_dir, "steal-odds.png")
    page.locator("#decision [data-act='steal']").first.click()
    before = int(page.locator("#game").get_attribute("data-version") or 0)
    page.locator("#decision .primary:not([disabled])").first.click()  # "Go": the steal is rolled at once
    page.wait_for_function("v => Number(document.getElementById('game').dataset.version) > v", arg=before)
    expect(page.locator("#dice .dice-why")).to_contain_text(STEAL_WHY)
    shot(page, artifacts_dir, "steal-why.png")

    off_loop(play_to_end, game, {engine.Side.AWAY: away, engine.Side.HOME: away})
    page.reload()
    expect(page.locator("#status-text")).to_have_text(re.compile("Final|Forfeited"))
    rematch = page.get_by_role("button", name="Rematch")
    expect(rematch).to_be_visible()
    rematch.click()
    page.wait_for_url(re.compile(r"/games/[0-9a-f-]+/lineup/\?team=\d+$"))
    expect(page.locator(".messages")).to_contain_text("Rematch created")
    new = off_loop(lambda: Game.objects.exclude(pk=game.pk).get())
    assert (new.home_team_id, new.away_team_id, new.home_is_ai, new.away_is_ai) == (
        game.away_team_id,
        game.home_team_id,
        False,
        True,
    )
    assert new.status == GameStatus.PENDING
    assert f"/games/{new.pk}/lineup/" in page.url
    context.close()


def test_the_scoresheet_reads_on_a_desktop_a_phone_in_the_dark_and_in_print(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    game = off_loop(demo_game, home_is_ai=True, away_is_ai=True)
    url = f"{daphne_worker.base_url}/games/{game.pk}/scoresheet/"
    for name, options in (
        ("scoresheet-desktop.png", {"viewport": {"width": 1280, "height": 800}}),
        ("scoresheet-phone-dark.png", {"viewport": MOBILE, "color_scheme": "dark"}),
    ):
        context = browser.new_context(**options)
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_role("heading", name=re.compile(game.away_team.name))).to_be_visible()
        expect(page.get_by_role("link", name="Download PDF")).to_have_attribute(
            "href", f"/games/{game.pk}/scoresheet.pdf"
        )
        # the page itself never scrolls sideways: only its tables do, inside their wrappers
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shot(page, artifacts_dir, name)
        context.close()
    context = browser.new_context(viewport={"width": 1123, "height": 794})
    page = context.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".sheet-toolbar")).to_be_hidden()
    assert page.evaluate("getComputedStyle(document.querySelector('.sheet')).breakAfter") == "page"
    shot(page, artifacts_dir, "scoresheet-print.png")
    pdf = page.pdf(landscape=True, format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-")
    context.close()
