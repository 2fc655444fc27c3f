"""Signing in through a real Chromium against a real daphne worker (DEBUG on there, so the dev login exists)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from scorecard.tests.servers import DaphneWorker

MOBILE = {"width": 390, "height": 844}


def assert_no_horizontal_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sign_in_on_a_phone_with_the_dev_login(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path, scheme: str
) -> None:
    page = browser.new_page(viewport=MOBILE, color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(daphne_worker.base_url + "/")
    page.locator(".site-header").get_by_role("link", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    discord = page.get_by_role("button", name="Sign in with Discord")
    expect(discord).to_be_visible()
    assert discord.evaluate("b => b.form.method") == "post"
    assert_no_horizontal_scroll(page)
    suffix = "" if scheme == "light" else "-dark"
    page.screenshot(path=str(artifacts_dir / f"login-mobile{suffix}.png"), full_page=True)

    page.get_by_role("link", name="sign in without Discord").click()
    expect(page.get_by_label("Username")).to_have_value("demo")
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / f"dev-login-mobile{suffix}.png"), full_page=True)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(daphne_worker.base_url + "/")
    header = page.locator(".site-header")
    expect(header.locator(".user-name")).to_have_text("demo")
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / f"signed-in-mobile{suffix}.png"), full_page=True)

    header.get_by_role("button", name="Sign out").click()
    expect(page.locator(".site-header").get_by_role("link", name="Sign in")).to_be_visible()
    page.close()
