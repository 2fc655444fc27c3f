"""A manager's game in Debian's Chromium against a real daphne worker that sweeps its own decision windows (as
`./scripts/run` serves): a window runs out with a warning first and the rules' default in the play-by-play, and a
nine-inning game against the AI with routine decisions automatic takes a few dozen clicks."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect

from games.models import Game, GameAction, GameStatus
from games.tests.live_helpers import demo_game, manager
from games.tests.test_game_page_browser import DESKTOP, off_loop, open_game, page_version
from leagues.models import League
from scorecard.tests.servers import DaphneWorker, start_daphne

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/work/notes/shots")
PRIMARY = "#decision .primary:not([disabled])"
WAIT_FOR_TURN = """() => document.querySelector('#decision .primary:not([disabled])')
  || ['completed', 'forfeited'].includes(document.getElementById('game').dataset.status)"""


@pytest.fixture
def sweeping_worker(transactional_db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DaphneWorker]:
    """One daphne worker with its own decision-window sweep on (the suite turns it off elsewhere)."""
    worker = start_daphne(tmp_path, env={"SCORECARD_WORKER_SWEEP": "1", "SCORECARD_SWEEP_INTERVAL_SECONDS": "0.2"})
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in this thread
    try:
        yield worker
    finally:
        worker.kill(signal.SIGTERM)
        connections.close_all()


def signed_in(browser: Browser, worker: DaphneWorker, game: Game, side: str) -> BrowserContext:
    """A browser context signed in as a new manager of `side` (the ORM work runs off Playwright's loop, whose
    greenlets would keep a database connection of their own open past the test)."""

    def cookie() -> str:
        client = Client()
        client.force_login(manager(game, side))
        return str(client.cookies["sessionid"].value)

    context = browser.new_context(viewport=DESKTOP)
    context.add_cookies([{"name": "sessionid", "value": off_loop(cookie), "url": worker.base_url}])
    return context


def shot(page: Page, artifacts_dir: Path, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / name), full_page=True)
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / name), full_page=True)


def test_a_window_that_runs_out_warns_first_then_applies_the_default(
    sweeping_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    game = off_loop(demo_game, home_is_ai=True)
    context = signed_in(browser, sweeping_worker, game, "away")
    page = open_game(context, sweeping_worker, game)
    # the warning comes 2 s before the end (ORM calls after the page opened run off Playwright's loop)
    off_loop(lambda: League.objects.filter(pk=game.league_id).update(decision_window_seconds=6))
    expect(page.locator("#decision .panel-title")).to_have_text("Your offensive decision")
    before = page_version(page)
    page.locator(PRIMARY).click()  # one click swings and rolls; the next decision has a 6 s window
    page.wait_for_function("v => Number(document.getElementById('game').dataset.version) > v", arg=before)
    waited_at = page_version(page)
    warning = page.locator("#decision .time-warning")
    expect(warning).to_be_visible(timeout=15_000)
    expect(warning).to_contain_text("You have")
    expect(warning).to_contain_text("s left — then")
    shot(page, artifacts_dir, "timer-warning.png")
    page.wait_for_function(
        "v => Number(document.getElementById('game').dataset.version) > v", arg=waited_at, timeout=15_000
    )
    timeout = off_loop(GameAction.objects.get, game=game, version=waited_at + 1)
    assert (timeout.source, timeout.side) == ("timeout", "away")
    assert timeout.reason.startswith("time ran out: ")
    expect(page.locator("#plays .timeout-reason").first).to_contain_text(timeout.reason)
    expect(page.locator("#decision .time-warning")).to_have_count(0)
    context.close()


def test_nine_innings_against_the_ai_with_routine_decisions_automatic_take_few_clicks(
    sweeping_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    game = off_loop(demo_game, home_is_ai=True)
    assert off_loop(lambda: League.objects.get(pk=game.league_id).innings) == 9
    context = signed_in(browser, sweeping_worker, game, "away")
    context.set_default_timeout(20_000)
    page = open_game(context, sweeping_worker, game)
    page.set_viewport_size(DESKTOP)
    toggle = page.locator("#decision button[data-act='auto_sides']")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    clicks = 1
    asked_shot = False
    while True:
        page.wait_for_function(WAIT_FOR_TURN)
        if page.locator("#game").get_attribute("data-status") in ("completed", "forfeited"):
            break
        expect(page.locator("#decision button[data-act='auto_sides']")).to_have_attribute("aria-pressed", "true")
        if not asked_shot and page.locator("#decision .asked").count():
            shot(page, artifacts_dir, "auto-asked.png")
            asked_shot = True
        before = page_version(page)
        page.locator(PRIMARY).first.click()
        clicks += 1
        assert clicks <= 40, "a nine-inning game with routine decisions automatic took more than 40 clicks"
        page.wait_for_function("v => Number(document.getElementById('game').dataset.version) > v", arg=before)
    off_loop(game.refresh_from_db)
    assert game.status == GameStatus.COMPLETED
    print(f"clicks for nine innings against the AI with auto on: {clicks}")
    assert off_loop(lambda: GameAction.objects.filter(game=game, side="away", source="ai").exists())
    shot(page, artifacts_dir, "auto-final.png")
    legend = page.locator("#dice .dice-legend li")
    expect(legend.first).to_be_visible()  # the last play's dice, labelled in the order rolled
    labels = legend.locator(".die-label").all_inner_texts()
    assert labels
    assert all(label[0].isupper() for label in labels)
    page.locator("#dice").screenshot(path=str(artifacts_dir / "dice-legend.png"))
    if SHOTS.is_dir():
        page.locator("#dice").screenshot(path=str(SHOTS / "dice-legend.png"))
    why = page.locator("#plays .play-why li")
    if why.count():
        why.first.scroll_into_view_if_needed()
        page.locator(".pbp").screenshot(path=str(artifacts_dir / "play-why.png"))
        if SHOTS.is_dir():
            page.locator(".pbp").screenshot(path=str(SHOTS / "play-why.png"))
    page.goto(f"{sweeping_worker.base_url}/")
    card = page.locator(".game-card .game-date").first
    expect(card).to_contain_text("Ended ")
    shot(page, artifacts_dir, "lobby.png")
    context.close()
