"""The app served by a real daphne process and seen through a real Chromium."""

import json
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser

from scorecard.tests.servers import DaphneWorker


def test_daphne_worker_serves_health_and_readiness(daphne_worker: DaphneWorker) -> None:
    with urllib.request.urlopen(f"{daphne_worker.base_url}/readyz", timeout=5) as response:
        body = json.load(response)
    assert body == {"status": "ok", "checks": {"database": "ok", "channel_layer": "ok"}}


def test_home_page_in_chromium_desktop_and_mobile(
    daphne_worker: DaphneWorker, browser: Browser, artifacts_dir: Path
) -> None:
    for name, viewport in {"desktop": (1280, 800), "mobile": (390, 844)}.items():
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        page.goto(daphne_worker.base_url + "/")
        assert page.locator(".site-header .brand").inner_text() == "Scorecard"
        assert page.locator("h1").inner_text() == "Live baseball-card games, in your browser"
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
        page.screenshot(path=str(artifacts_dir / f"home-{name}.png"), full_page=True)
        page.close()


def test_websocket_round_trip_through_chromium(daphne_worker: DaphneWorker, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(daphne_worker.base_url + "/")
    reply = page.evaluate(
        """url => new Promise((resolve, reject) => {
            const ws = new WebSocket(url);
            ws.onopen = () => ws.send(JSON.stringify({type: "ping", n: 7}));
            ws.onmessage = event => { resolve(JSON.parse(event.data)); ws.close(); };
            ws.onerror = () => reject(new Error("websocket failed"));
        })""",
        daphne_worker.ws_url + "/ws/ping/",
    )
    assert reply == {"type": "pong", "n": 7}
