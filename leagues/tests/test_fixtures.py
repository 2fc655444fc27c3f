"""The fixture copies stay byte-for-byte equal to the shared example payloads; derived fixtures stay in step."""

import os
from pathlib import Path

import pytest

from .fake_league_api import FIXTURES, ROUTES, SHARED_COPIES, load_fixture

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SCORECARD_SHARED_LEAGUE_API", REPO.parent / "shared" / "league_api"))


@pytest.mark.parametrize(("copy", "original"), sorted(SHARED_COPIES.items()))
def test_copy_equals_shared_original(copy: str, original: str) -> None:
    if not SHARED.is_dir():
        pytest.skip(f"shared payloads not present at {SHARED}")
    assert (FIXTURES / copy).read_bytes() == (SHARED / original).read_bytes()


def test_every_route_and_copy_has_a_fixture_file() -> None:
    for fixture in {*ROUTES.values(), *SHARED_COPIES}:
        assert (FIXTURES / fixture).is_file(), fixture


def test_derived_lists_are_built_from_the_copies() -> None:
    team = load_fixture("sba/teams/612.json")
    roster = load_fixture("sba/teams/612/roster/current.json")
    assert isinstance(roster, dict)
    roster_players = [player for section in ("active", "shortil", "longil") for player in roster[section]["players"]]
    assert load_fixture("sba/teams/season=13.json") == {"count": 1, "teams": [team]}
    expected_players = {"count": len(roster_players), "players": roster_players}
    assert load_fixture("sba/players/season=13.json") == expected_players
    assert load_fixture("sba/players/season=13/team_id=612.json") == expected_players
    pitching = load_fixture("pd/pitchingcardratings/player/88102.json")
    assert isinstance(pitching, dict)
    assert load_fixture("pd/players/88102.json") == pitching["ratings"][0]["pitchingcard"]["player"]
