"""The game page in Debian's Chromium (Playwright) against a real daphne worker on the test database: playing the
AI by clicking, two managers and a spectator, a dropped connection, a finished game's replay, screenshots."""

from __future__ import annotations

import signal
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from games import engine
from games.access import SYSTEM
from games.engine.answers import timeout_action
from games.engine.state import PendingRoll
from games.models import Game, GameStatus, Lineup, Play
from games.selectors import game_box_score_data
from games.services import game_apply_action, game_start
from games.setup import game_setup
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body, play_to_end
from players.models import Card, Player
from scorecard.tests.servers import DaphneWorker, start_daphne

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
MOBILE: ViewportSize = {"width": 390, "height": 844}
PRIMARY = "#decision .primary:not([disabled])"
CLICK_LIMIT = 1_500


@pytest.fixture(autouse=True)
def orm_beside_playwright(
    daphne_worker: DaphneWorker, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    Set after the worker started, so the server keeps Django's async-safety checks."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    yield
    connections.close_all()


def off_loop(function, *args, **kwargs):
    """Runs a service call in a thread of its own: services broadcast through `async_to_sync`, which refuses the
    thread where Playwright's event loop runs. The thread's database connection is closed afterwards."""

    def call():
        try:
            return function(*args, **kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def signed_in_context(browser: Browser, worker: DaphneWorker, user=None, **options) -> BrowserContext:
    """A browser context carrying `user`'s session cookie (anonymous without one)."""
    context = browser.new_context(viewport=DESKTOP, **options)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": worker.base_url}])
    return context


def open_game(context: BrowserContext, worker: DaphneWorker, game: Game) -> Page:
    page = context.new_page()
    page.goto(f"{worker.base_url}/games/{game.pk}/")
    expect(page.locator("#connection")).to_have_text("Live")
    return page


def page_version(page: Page) -> int:
    return int(page.locator("#game").get_attribute("data-version") or 0)


def click_primary(page: Page, at: int | None = None) -> None:
    """Clicks the decision panel's main button and waits until the page has moved to a later version; with `at`
    (the game's version), first waits until the page has caught up to it."""
    if at is not None:
        page.wait_for_function("v => Number(document.getElementById('game').dataset.version) >= v", arg=at)
    before = page_version(page)
    page.locator(PRIMARY).first.click()
    page.wait_for_function(
        "v => Number(document.getElementById('game').dataset.version) > v", arg=before, timeout=20_000
    )


def game_over(page: Page) -> bool:
    return page.locator("#game").get_attribute("data-status") in ("completed", "forfeited")


def descriptions(page: Page) -> list[str]:
    """Play descriptions as listed (newest first), oldest first."""
    return list(reversed(page.locator("#plays li.play .play-desc").all_inner_texts()))


def assert_fits_a_phone_at(page: Page) -> None:
    """At 390x844 the page needs no sideways scrolling (the viewport is restored)."""
    size = page.viewport_size
    page.set_viewport_size(MOBILE)
    assert_fits_a_phone(page)
    if size:
        page.set_viewport_size(size)


def assert_fits_a_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]


def expect_box_line(page: Page, side: str, runs: int, hits: int) -> None:
    """The page's box score shows `runs` and `hits` for `side` (waiting for a refresh in flight)."""
    row = page.locator(f"#box-body .box-line[data-side='{side}']")
    expect(row.locator(".ls-runs")).to_have_text(str(runs))
    expect(row.locator(".ls-hits")).to_have_text(str(hits))


def db_hits(game: Game, half: str) -> int:
    return sum(Play.objects.filter(game=game, half=half).values_list("hit", flat=True))


def test_a_manager_signs_in_and_plays_the_ai_to_the_final_out_by_clicking(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    game = off_loop(demo_game, home_is_ai=True)
    skipper = manager(game, "away", username="skipper")
    skipper.set_unusable_password()  # the development sign-in refuses password accounts
    skipper.save(update_fields=["password"])
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{daphne_worker.base_url}/accounts/dev-login/?next=/games/{game.pk}/")
    page.get_by_label("Username").fill("skipper")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{daphne_worker.base_url}/games/{game.pk}/")
    expect(page.locator("#connection")).to_have_text("Live")
    expect(page.locator(".role-badge")).to_have_text("You manage away")
    expect(page.locator("#presence [data-side='away']")).to_contain_text("skipper online")

    page.locator(PRIMARY).focus()
    for _ in range(6):
        before = page_version(page)
        page.keyboard.press("Enter")
        page.wait_for_function("v => Number(document.getElementById('game').dataset.version) > v", arg=before)
        focused = page.locator("#decision .primary:focus")
        expect(focused).to_have_count(1)
        assert focused.evaluate("b => b.matches(':focus-visible') && getComputedStyle(b).outlineStyle !== 'none'")

    clicks = 0
    while not game_over(page):
        assert clicks < CLICK_LIMIT, "the game did not end"
        expect(page.locator(PRIMARY)).to_be_visible()
        expect(page.locator("#countdown")).to_contain_text("left · then")
        click_primary(page)
        clicks += 1
        if clicks == 12:
            expect(page.locator("#plays li.play").first).to_be_visible()
            expect(page.locator("#dice .die").first).to_be_visible()
            for side in ("away", "home"):
                line = page.locator(f"#linescore tr[data-side='{side}']")
                runs, hits = int(line.locator(".ls-runs").inner_text()), int(line.locator(".ls-hits").inner_text())
                expect_box_line(page, side, runs, hits)
            page.screenshot(path=str(artifacts_dir / "game-live-desktop.png"), full_page=True)
            page.set_viewport_size(MOBILE)
            assert_fits_a_phone(page)
            page.screenshot(path=str(artifacts_dir / "game-live-mobile.png"), full_page=True)
            page.screenshot(path=str(artifacts_dir / "game-live-mobile-screen.png"))
            page.locator("#matchup").scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts_dir / "game-live-mobile-cards.png"))
            page.set_viewport_size(DESKTOP)

    game.refresh_from_db()
    assert game.status == GameStatus.COMPLETED
    expect(page.locator("#status-text")).to_have_text("Final")
    expect(page.locator("#decision")).to_be_hidden()
    expect_box_line(page, "away", game.away_score, db_hits(game, "top"))
    expect_box_line(page, "home", game.home_score, db_hits(game, "bottom"))
    linescore = page.locator("#linescore tr[data-side='away'] .ls-runs")
    expect(linescore).to_have_text(str(game.away_score))
    played = list(Play.objects.filter(game=game).order_by("play_number").values_list("description", flat=True))
    assert descriptions(page) == played
    context.close()


def test_two_managers_play_an_inning_while_a_spectator_watches(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    game = off_loop(demo_game)
    contexts = {
        "away": signed_in_context(browser, daphne_worker, manager(game, "away", username="away-boss")),
        "home": signed_in_context(browser, daphne_worker, manager(game, "home", username="home-boss")),
        "fan": signed_in_context(browser, daphne_worker, color_scheme="dark"),
    }
    pages = {name: open_game(context, daphne_worker, game) for name, context in contexts.items()}
    expect(pages["fan"].locator(".role-badge")).to_have_text("Watching")
    expect(pages["fan"].locator("#presence [data-side='home']")).to_contain_text("home-boss online")
    expect(pages["fan"].locator("#presence .watchers")).to_have_text("1 watching")
    expect(pages["fan"].locator(PRIMARY)).to_have_count(0)

    for _ in range(CLICK_LIMIT):
        game.refresh_from_db()
        if game.current_inning >= 2 and game.current_half == "bottom":
            break
        actor = game_state(game).actor
        assert actor is not None
        waiting = pages["home" if actor is engine.Side.AWAY else "away"]
        expect(waiting.locator("#decision .panel-title")).to_contain_text("Waiting for")
        click_primary(pages[actor.value], at=game.version)
    else:
        raise AssertionError("an inning was not played")

    game.refresh_from_db()
    for page in pages.values():
        expect(page.locator("#game")).to_have_attribute("data-version", str(game.version))
    played = list(Play.objects.filter(game=game).order_by("play_number").values_list("description", flat=True))
    assert len(played) >= 6
    assert descriptions(pages["away"]) == descriptions(pages["home"]) == descriptions(pages["fan"]) == played
    pages["fan"].screenshot(path=str(artifacts_dir / "game-spectator-desktop-dark.png"), full_page=True)
    pages["fan"].set_viewport_size(MOBILE)
    assert_fits_a_phone(pages["fan"])
    pages["fan"].screenshot(path=str(artifacts_dir / "game-spectator-mobile-dark.png"))
    for context in contexts.values():
        context.close()


def test_a_dropped_connection_reconnects_by_itself_and_catches_up(
    daphne_worker: DaphneWorker, browser: Browser, tmp_path: Path
) -> None:
    game = off_loop(demo_game, home_is_ai=True)
    away = manager(game, "away")
    context = signed_in_context(browser, daphne_worker, away)
    page = open_game(context, daphne_worker, game)
    for _ in range(4):
        click_primary(page)
    seen = len(descriptions(page))

    daphne_worker.kill(signal.SIGKILL)
    expect(page.locator("#connection")).to_contain_text("Reconnecting…")
    for _ in range(12):
        game.refresh_from_db()
        off_loop(
            game_apply_action,
            game_id=game.pk,
            user=away,
            action=next_body(game),
            action_id=uuid.uuid4(),
            expected_version=game.version,
        )
    game.refresh_from_db()
    played = list(Play.objects.filter(game=game).order_by("play_number").values_list("description", flat=True))
    assert len(played) > seen

    restarted = start_daphne(tmp_path, port=daphne_worker.port, env={"DJANGO_ALLOW_ASYNC_UNSAFE": ""})
    try:
        expect(page.locator("#connection")).to_have_text("Back in sync", timeout=30_000)
        expect(page.locator("#game")).to_have_attribute("data-version", str(game.version))
        assert descriptions(page) == played
        click_primary(page)
        game.refresh_from_db()
        expect(page.locator("#game")).to_have_attribute("data-version", str(game.version))
    finally:
        context.close()
        restarted.kill(signal.SIGTERM)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_finished_game_shows_its_box_score_chart_and_a_replay(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path, scheme: str
) -> None:
    game = off_loop(demo_game, home_is_ai=True)
    off_loop(play_to_end, game, {engine.Side.AWAY: manager(game, "away")})
    game.refresh_from_db()
    viewer = get_user_model().objects.create_user("fan")
    context = signed_in_context(browser, daphne_worker, viewer, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{daphne_worker.base_url}/games/{game.pk}/")
    suffix = "" if scheme == "light" else "-dark"

    expect(page.locator("#status-text")).to_have_text("Final")
    expect(page.locator("#decision")).to_be_hidden()
    expect_box_line(page, "away", game.away_score, db_hits(game, "top"))
    expect_box_line(page, "home", game.home_score, db_hits(game, "bottom"))
    winner = Player.objects.get(pk=game_box_score_data(game=game)["decisions"]["win"]).name
    expect(page.locator("#box-body .box-decisions")).to_contain_text(f"W {winner}")
    plays = Play.objects.filter(game=game).count()
    expect(page.locator("#plays li.play")).to_have_count(plays)
    expect(page.locator("#wpchart .wp-now")).to_have_attribute("data-points", str(plays + 1))
    assert (page.locator("#wpchart .wp-line").get_attribute("d") or "").count("L") == plays
    log_link = page.get_by_role("link", name="Download game log")
    expect(log_link).to_have_attribute("href", f"/games/{game.pk}/log.txt")
    with page.expect_download() as download:
        log_link.click()
    assert download.value.suggested_filename == f"game-{game.pk}.log.txt"
    assert Path(download.value.path()).read_text().startswith("scorecard-log 1")
    page.screenshot(path=str(artifacts_dir / f"game-final-desktop{suffix}.png"), full_page=True)

    replay = page.locator("#replay")
    expect(replay).to_be_visible()
    replay.get_by_role("button", name="First play").click()
    step = page.locator("#replay-step")
    total = int(step.inner_text().rsplit(" ", 1)[-1])
    expect(step).to_have_text(f"Play 1 of {total}")
    expect(page.locator("#plays li.current")).to_have_count(1)
    expect(page.locator("#linescore tr[data-side='home'] .ls-runs")).to_have_text("0")
    replay.get_by_role("button", name="Next play").click()
    expect(step).to_have_text(f"Play 2 of {total}")
    page.keyboard.press("ArrowRight")
    expect(step).to_have_text(f"Play 3 of {total}")
    page.keyboard.press("ArrowLeft")
    expect(step).to_have_text(f"Play 2 of {total}")
    page.keyboard.press("End")
    expect(step).to_have_text(f"Play {total} of {total}")
    expect(page.locator("#linescore tr[data-side='home'] .ls-runs")).to_have_text(str(game.home_score))
    replay.get_by_role("button", name="Previous play").focus()
    page.keyboard.press("Enter")
    expect(step).to_have_text(f"Play {total - 1} of {total}")

    page.set_viewport_size(MOBILE)
    page.keyboard.press("End")
    assert_fits_a_phone(page)
    page.screenshot(path=str(artifacts_dir / f"game-final-mobile{suffix}.png"), full_page=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts_dir / f"game-final-mobile-screen{suffix}.png"))
    context.close()


def test_sba_manual_mode_shows_the_dice_and_the_result_picker_for_the_card_read(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    game = off_loop(demo_game, "sba", home_is_ai=True)
    context = signed_in_context(browser, daphne_worker, manager(game, "away"))
    page = open_game(context, daphne_worker, game)
    expect(page.locator("#batter-card .card-groups")).to_be_visible()

    picked = 0
    for _ in range(200):
        game.refresh_from_db()
        if picked >= 2 or game.status != GameStatus.ACTIVE:
            break
        page.wait_for_function("v => Number(document.getElementById('game').dataset.version) >= v", arg=game.version)
        title = page.locator("#decision .panel-title").inner_text()
        if title == "Your card result":
            state = game_state(game)
            pending = state.pending
            assert isinstance(pending, PendingRoll)
            expect(page.locator("#decision")).to_contain_text(
                f"column {pending.column}, row {pending.row[0]}+{pending.row[1]}, split {pending.split}"
            )
            card = "#batter-card" if pending.column <= 3 else "#pitcher-card"
            read = page.locator(f"{card} .card-line.read")
            expect(read).to_have_count(1)
            outcome = page.locator("#decision select[data-field='outcome']").input_value()
            assert outcome == read.get_attribute("data-outcome")
            default = timeout_action(state, game_setup(game))
            assert isinstance(default, engine.SubmitOutcome)
            assert outcome == default.outcome.value
            fielder = page.locator("#decision select[data-field='fielder']").input_value()
            assert fielder == (default.fielder.value if default.fielder else "")
            if picked == 0:
                page.screenshot(path=str(artifacts_dir / "game-sba-picker-desktop.png"), full_page=True)
            page.locator("#decision select[data-field='outcome']").select_option("STRIKEOUT")
            expect(page.locator("#decision [data-printed]")).to_have_text("strikeout")  # printed, no fielder
            expect(page.locator("#decision select[data-field='fielder']")).to_be_disabled()
            # The AI's answer may add a play of its own (an intentional walk) after the picked one.
            strikeouts = page.locator("#plays li.play .play-desc", has_text="strikes out")
            before = strikeouts.count()
            click_primary(page, at=game.version)
            picked += 1
            expect(strikeouts).to_have_count(before + 1)
        else:
            click_primary(page, at=game.version)
    assert picked == 2
    context.close()


def _with_bullpen(**options) -> Game:
    """A demo game whose home team has two relievers in its bullpen (Lineup rows that do not start)."""
    game = demo_game(start=False, **options)
    used = set(game.lineups.values_list("player_id", flat=True))
    relievers = Card.objects.filter(player__team=game.home_team, pitching_ratings__isnull=False).exclude(
        player_id__in=used
    )
    for card in relievers.distinct()[:2]:
        Lineup.objects.create(
            game=game, team=game.home_team, player=card.player, card=card, position="P", is_starter=False
        )
    game_start(game_id=game.pk, user=SYSTEM)
    game.refresh_from_db()
    return game


def test_a_manager_changes_pitchers_and_forfeits_from_the_panel(daphne_worker: DaphneWorker, browser: Browser) -> None:
    game = off_loop(_with_bullpen, away_is_ai=True)
    context = signed_in_context(browser, daphne_worker, manager(game, "home"))
    page = open_game(context, daphne_worker, game)
    expect(page.locator("#decision .panel-title")).to_have_text("Your defensive decision")
    starter = page.locator("#pitcher-card .card-name").inner_text()
    panel = page.locator("#decision")
    panel.get_by_text("Changes & forfeit (MVM)").click()
    new_pitcher = panel.locator("select[data-field='pitcher'] option").first
    name = new_pitcher.inner_text()
    panel.locator("select[data-field='pitcher']").select_option(new_pitcher.get_attribute("value"))
    before = page_version(page)
    panel.get_by_role("button", name="Bring him in").click()
    page.wait_for_function("v => Number(document.getElementById('game').dataset.version) > v", arg=before)
    expect(page.locator("#pitcher-card .card-name")).to_have_text(name)
    assert name != starter
    expect(page.locator("#plays li.notice").first).to_contain_text(name)

    panel.get_by_role("button", name="Forfeit…").click()
    panel.get_by_role("button", name="Yes, forfeit").click()
    expect(page.locator("#status-text")).to_have_text("Forfeited")
    game.refresh_from_db()
    assert game.status == GameStatus.FORFEITED
    context.close()


def test_a_page_opened_before_the_start_follows_the_game_when_it_starts(
    daphne_worker: DaphneWorker, browser: Browser
) -> None:
    game = off_loop(demo_game, start=False)
    rows = {row.pk: row for row in game.lineups.filter(team=game.home_team)}
    game.lineups.filter(team=game.home_team).delete()
    context = signed_in_context(browser, daphne_worker, manager(game, "home"))
    page = open_game(context, daphne_worker, game)
    expect(page.locator("#decision .panel-title")).to_have_text("Waiting for lineups")
    link = page.get_by_role("link", name="Set the MVM lineup")
    expect(link).to_have_attribute("href", f"/games/{game.pk}/lineup/?team={game.home_team_id}")
    assert_fits_a_phone_at(page)
    Lineup.objects.bulk_create(rows.values())
    page.reload()
    expect(page.locator("#decision .panel-title")).to_have_text("Waiting for the game to start")
    expect(page.locator("#status-text")).to_have_text("Not started")
    off_loop(game_start, game_id=game.pk, user=SYSTEM)
    expect(page.locator("#decision .panel-title")).to_have_text("Your defensive decision", timeout=15_000)
    expect(page.locator("#status-text")).to_have_text("Live")
    context.close()
