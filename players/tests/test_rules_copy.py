"""What the product copies from the rule book (field order, default hit locations) matches ../shared."""

import re
from pathlib import Path

import pytest

from leagues.rule_options import default_location_tables
from players.ratings import BATTER_FIELDS, PITCHER_FIELDS

RULES = Path(__file__).resolve().parents[3] / "shared" / "rules" / "RULES.md"

pytestmark = pytest.mark.skipif(not RULES.exists(), reason="shared rule book not available")


def _expand(cell: str) -> list[str]:
    """`groundout_a / _b / _c` -> the three full names; `—` -> nothing."""
    names: list[str] = []
    for token in re.split(r"[/,]", cell):
        token = token.strip()
        if not token or token == "\N{EM DASH}":
            continue
        names.append(names[-1].rsplit("_", 1)[0] + token if token.startswith("_") else token)
    return names


def _rating_table() -> list[tuple[str, str]]:
    text = RULES.read_text()
    start = text.index("| batter field | pitcher field | outcome |")
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        batter, pitcher, _outcome = (cell.strip() for cell in line.strip("|").split("|"))
        rows.append((batter, pitcher))
    return rows


def test_field_lists_follow_the_canonical_order() -> None:
    rows = _rating_table()
    assert [name for batter, _ in rows for name in _expand(batter)] == list(BATTER_FIELDS)
    assert [name for _, pitcher in rows for name in _expand(pitcher)] == list(PITCHER_FIELDS)


def test_default_location_tables_follow_section_2() -> None:
    match = re.search(r"Right-handed batter, groundball: (.*?); flyball: (.*?)\.", " ".join(RULES.read_text().split()))
    assert match
    for kind, spec in zip(("groundball", "flyball"), match.groups(), strict=True):
        expected: list[str] = []
        for part in spec.split(","):
            faces, position = part.split()
            low, _, high = faces.partition("\N{EN DASH}")
            expected += [position] * (int(high or low) - int(low) + 1)
        assert default_location_tables()[kind]["R"] == expected
