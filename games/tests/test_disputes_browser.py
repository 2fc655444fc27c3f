"""SBA manual mode in Debian's Chromium: a manager picks a result the card does not read; the play is taken and
marked on both managers' pages; the opponent disputes it with a click, and the commissioner's correction reaches
both pages live."""

from __future__ import annotations

import uuid
from pathlib import Path

from playwright.sync_api import Browser, expect

from games import engine
from games.engine.reading import card_result
from games.models import Dispute
from games.services import dispute_correct, game_apply_action
from games.setup import game_setup
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body
from games.tests.test_game_page_browser import (  # noqa: F401 (orm_beside_playwright: autouse fixture)
    MOBILE,
    assert_fits_a_phone,
    off_loop,
    open_game,
    orm_beside_playwright,
    signed_in_context,
)
from leagues.services import commissioner_add
from scorecard.tests.servers import DaphneWorker


def _play_until_the_away_side_reads_a_card(game, users):
    """Plays both sides through the services until the away manager must enter a card result."""
    for _ in range(300):
        game.refresh_from_db()
        state = game_state(game)
        if state.phase is engine.Phase.SUBMIT_OUTCOME and state.actor is engine.Side.AWAY:
            return card_result(game_setup(game), state)
        assert state.actor is not None
        off_loop(
            game_apply_action,
            game_id=game.pk,
            user=users[state.actor],
            action=next_body(game),
            action_id=uuid.uuid4(),
            expected_version=game.version,
        )
    raise AssertionError("the away side never read a card")


def test_a_result_picked_against_the_card_is_marked_disputed_and_corrected_live(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    game = off_loop(demo_game, "sba")
    away, home = manager(game, "away"), manager(game, "home")
    card = _play_until_the_away_side_reads_a_card(game, {engine.Side.AWAY: away, engine.Side.HOME: home})
    wrong = "STRIKEOUT" if card.outcome is engine.Outcome.HOMERUN else "HOMERUN"

    away_context = signed_in_context(browser, daphne_worker, away)
    home_context = signed_in_context(browser, daphne_worker, home)
    away_page, home_page = open_game(away_context, daphne_worker, game), open_game(home_context, daphne_worker, game)
    expect(away_page.locator("#decision .panel-title")).to_have_text("Your card result")
    picker = away_page.locator("#decision select[data-field='outcome']")
    assert picker.input_value() == card.outcome.value
    labels = picker.locator("option").all_inner_texts()
    assert "SINGLE** · single, runners move two bases" in labels
    assert not any("_" in label for label in labels)  # no engine names
    picker.select_option(wrong)
    expect(away_page.locator("#decision [data-printed]")).to_have_text("HOMERUN" if wrong == "HOMERUN" else "strikeout")
    away_page.locator("#decision .primary").click()

    marked = away_page.locator("#plays li.play.mismatched")
    expect(marked).to_have_count(1)
    expect(marked.locator(".mismatch-text")).to_contain_text(
        f"entered {'HOMERUN' if wrong == 'HOMERUN' else 'strikeout'}; card reads "
    )
    expect(marked.locator(".dispute-button")).to_have_count(0)  # the side that entered it does not dispute it
    on_home = home_page.locator("#plays li.play.mismatched")
    expect(on_home).to_have_count(1)
    home_page.screenshot(path=str(artifacts_dir / "game-sba-mismatch-desktop.png"), full_page=True)
    on_home.locator(".dispute-button").click()
    for page in (home_page, away_page):
        expect(page.locator("#plays li.play.mismatched .dispute-state")).to_have_text(
            "Disputed · waiting for the commissioner"
        )
    home_page.set_viewport_size(MOBILE)
    assert_fits_a_phone(home_page)
    home_page.screenshot(path=str(artifacts_dir / "game-sba-dispute-phone.png"), full_page=True)

    dispute = Dispute.objects.get(game=game)
    commissioner = manager(game, "home", "commish")
    game.home_team.managers.remove(commissioner)
    commissioner_add(user=commissioner, league=game.league)
    off_loop(
        dispute_correct,
        dispute_id=dispute.pk,
        user=commissioner,
        outcome=card.outcome.value,
        fielder=card.fielder.value if card.fielder else None,
        reason="the card reads it",
    )
    for page in (home_page, away_page):
        corrected = page.locator(f"#plays li.play[data-number='{dispute.play_number}']")
        expect(corrected.locator(".dispute-state")).to_contain_text("Corrected to ")
        expect(corrected).not_to_have_class("play mismatched")
    away_context.close()
    home_context.close()
