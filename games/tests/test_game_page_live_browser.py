"""The game page in Debian's Chromium against a real daphne worker: substitutions from the live bench follow the
game (the panel offers who is still available and who is in the game now), and the chat panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, expect

from games.models import Game, GameAction, Lineup
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager
from games.tests.test_game_page_browser import (  # noqa: F401 (orm_beside_playwright: autouse fixture)
    DESKTOP,
    MOBILE,
    assert_fits_a_phone,
    off_loop,
    open_game,
    orm_beside_playwright,
    page_version,
    signed_in_context,
)
from scorecard.tests.servers import DaphneWorker

pytestmark = pytest.mark.django_db(transaction=True)


def options(page: Page, field: str) -> dict[str, str]:
    """The decision panel's `select[data-field=field]` options: value → label."""
    select = page.locator(f"#decision select[data-field='{field}']")
    return {option.get_attribute("value") or "": option.inner_text() for option in select.locator("option").all()}


def open_changes(page: Page) -> None:
    details = page.locator("#decision details.more")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    expect(details).to_have_attribute("open", "")


def test_a_pinch_hitter_from_the_bench_leaves_the_bench_and_joins_the_lineup(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    game = off_loop(demo_game, home_is_ai=True)
    away = game.away_team
    reserves = {str(r.pk): r for r in Lineup.objects.filter(game=game, team=away, is_starter=False)}
    bench_ids = {pk for pk, row in reserves.items() if row.position != "P"}
    assert bench_ids, "the demo team has position players on its bench"
    context = signed_in_context(browser, daphne_worker, manager(game, "away"))
    page = open_game(context, daphne_worker, game)
    expect(page.locator("#decision .panel-title")).to_have_text("Your offensive decision")
    open_changes(page)

    batter = game_state(game).batter
    assert batter is not None
    before_in, before_out = options(page, "player_in"), options(page, "player_out")
    assert set(before_in) == bench_ids
    assert batter in before_out
    assert not set(before_out) & bench_ids
    pinch = sorted(before_in)[0]
    name = reserves[pinch].player.name

    page.locator("#decision select[data-field='player_out']").select_option(batter)
    page.locator("#decision select[data-field='player_in']").select_option(pinch)
    version = page_version(page)
    page.locator("#decision").get_by_role("button", name="Substitute").click()
    page.wait_for_function("v => Number(document.getElementById('game').dataset.version) > v", arg=version)
    expect(page.locator("#plays li.notice").first).to_contain_text(f"{name} replaces")
    expect(page.locator("#batter-card .card-name")).to_have_text(name)

    open_changes(page)
    after_in, after_out = options(page, "player_in"), options(page, "player_out")
    assert pinch not in after_in
    assert set(after_in) == bench_ids - {pinch}
    assert pinch in after_out
    assert batter not in after_out
    assert after_out[pinch].startswith(name)
    page.screenshot(path=str(artifacts_dir / "game-pinch-hitter-desktop.png"), full_page=True)

    # The database agrees: the recorded action, the engine state it produced, and the Lineup rows it names.
    game.refresh_from_db()
    action = GameAction.objects.get(game=game, version=version + 1)
    assert action.body == {"kind": "substitute", "side": "away", "player_out": batter, "player_in": pinch}
    state = game_state(game)
    assert state.batter == pinch
    assert batter in state.away.removed
    assert [slot.player for slot in state.away.lineup] == list(after_out)
    rows = {str(r.pk): r for r in Lineup.objects.filter(game=game, team=away)}
    assert (rows[pinch].is_starter, rows[pinch].is_active, rows[pinch].replacing_id) == (False, True, int(batter))
    assert (rows[batter].is_starter, rows[batter].is_active) == (True, False)
    assert rows[batter].batting_order == next(i + 1 for i, slot in enumerate(state.away.lineup) if slot.player == pinch)

    # A page opened afterwards (history from events.json) offers the same choices.
    page.reload()
    expect(page.locator("#connection")).to_have_text("Live")
    expect(page.locator("#batter-card .card-name")).to_have_text(name)
    open_changes(page)
    page.wait_for_function(
        "id => ![...document.querySelectorAll(\"#decision select[data-field='player_in'] option\")]"
        ".some(o => o.value === id)",
        arg=pinch,
    )
    assert options(page, "player_in") == after_in
    assert options(page, "player_out") == after_out
    page.set_viewport_size(MOBILE)
    assert_fits_a_phone(page)
    page.locator("#decision details.more").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "game-pinch-hitter-mobile.png"))
    context.close()


def send_chat(page: Page, text: str, *, enter: bool = False) -> None:
    page.locator("#chat-input").fill(text)
    if enter:
        page.locator("#chat-input").press("Enter")
    else:
        page.locator("#chat").get_by_role("button", name="Send").click()


def chat_lines(page: Page) -> list[tuple[str, ...]]:
    items = page.locator("#chat-messages li.chat-message")
    return [
        tuple(item.locator(part).inner_text() for part in (".chat-user", ".chat-role", ".chat-text"))
        for item in items.all()
    ]


def test_a_manager_and_a_spectator_chat_while_an_anonymous_visitor_reads(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    game: Game = off_loop(demo_game, home_is_ai=True)
    skipper = manager(game, "away", username="skipper")
    fan = get_user_model().objects.create_user("bleacher-fan", password="pw")
    contexts = {
        "skipper": signed_in_context(browser, daphne_worker, skipper),
        "fan": signed_in_context(browser, daphne_worker, fan, color_scheme="dark"),
        "visitor": signed_in_context(browser, daphne_worker, color_scheme="dark"),
    }
    pages = {who: open_game(context, daphne_worker, game) for who, context in contexts.items()}
    expect(pages["visitor"].locator("#chat-input")).to_be_disabled()
    expect(pages["visitor"].locator("#chat-send")).to_be_disabled()
    expect(pages["visitor"].locator("#chat .chat-note")).to_have_text("Sign in to chat.")
    expect(pages["fan"].locator("#chat-input")).to_be_enabled()

    said = [
        ("skipper", "Play ball!", False),
        ("fan", "Let's go <b>Mavericks</b> & friends", True),
        ("skipper", "Thanks for watching.", True),
    ]
    shown = {"skipper": ("skipper", "away manager"), "fan": ("bleacher-fan", "watching")}
    expected: list[tuple[str, str, str]] = []
    for who, text, enter in said:
        send_chat(pages[who], text, enter=enter)
        expected.append((*shown[who], text))
        for page in pages.values():
            expect(page.locator("#chat-messages li.chat-message")).to_have_count(len(expected))
    for page in pages.values():
        assert chat_lines(page) == expected
    expect(pages["fan"].locator("#chat-input")).to_have_value("")
    expect(pages["fan"].locator("#chat-messages b")).to_have_count(0)

    # A burst beyond the limit: the server's rate-limit message shows under the input.
    for n in range(6):
        send_chat(pages["fan"], f"burst {n}")
    expect(pages["fan"].locator("#chat-error")).to_have_text("chat is limited to a message every two seconds")
    expect(pages["fan"].locator("#decision .panel-error")).to_have_count(0)

    for who in ("fan", "visitor"):
        page = pages[who]
        page.locator("#chat").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / f"game-chat-{who}-desktop-dark.png"))
        page.set_viewport_size(MOBILE)
        assert_fits_a_phone(page)
        page.locator("#chat").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / f"game-chat-{who}-mobile-dark.png"))
        page.set_viewport_size(DESKTOP)
    pages["skipper"].locator("#chat").scroll_into_view_if_needed()
    pages["skipper"].screenshot(path=str(artifacts_dir / "game-chat-manager-desktop.png"))
    for context in contexts.values():
        context.close()


def test_a_manager_swaps_two_fielders_from_the_panel(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    game = off_loop(demo_game, away_is_ai=True)
    state = game_state(game)
    at = {slot.position.value: slot.player for slot in state.home.lineup}
    second, short = at["2B"], at["SS"]
    context = signed_in_context(browser, daphne_worker, manager(game, "home"))
    page = open_game(context, daphne_worker, game)
    expect(page.locator("#decision .panel-title")).to_have_text("Your defensive decision")
    open_changes(page)
    page.locator(f"#decision select[data-move='{second}']").select_option("SS")
    page.locator(f"#decision select[data-move='{short}']").select_option("2B")
    version = page_version(page)
    page.locator("#decision").get_by_role("button", name="Move fielders").click()
    page.wait_for_function("v => Number(document.getElementById('game').dataset.version) > v", arg=version)
    expect(page.locator("#plays li.notice").first).to_contain_text("moves to SS")
    open_changes(page)
    expect(page.locator(f"#decision select[data-move='{second}']")).to_have_attribute("data-current", "SS")
    page.screenshot(path=str(artifacts_dir / "game-position-swap-desktop.png"), full_page=True)
    game.refresh_from_db()
    action = GameAction.objects.get(game=game, version=version + 1)
    assert action.body == {"kind": "swap_positions", "side": "home", "moves": {second: "SS", short: "2B"}}
    assert {slot.player: slot.position.value for slot in game_state(game).home.lineup}[second] == "SS"
    context.close()
