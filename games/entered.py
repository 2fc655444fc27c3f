"""Results entered in manual mode as people read them: the printed code of a recorded result and the note on a play
whose entered result differs from the card (`games.engine.printed`), for the play-by-play, the API and the admin."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from games import engine
from games.engine.play import Mismatch
from games.engine.printed import mismatch_text, printed_result
from games.engine.serialize import from_data


def result_label(result: Mapping[str, Any]) -> str:
    """A recorded result (a dispute's ``{"outcome": ..., "fielder": ...}``) as printed."""
    fielder = result.get("fielder")
    return printed_result(engine.Outcome(result["outcome"]), engine.Position(fielder) if fielder else None)


def mismatch_view(data: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A play's recorded mismatch (`Play.mismatch`, the event's ``mismatch``) as shown: the side that entered it,
    both results as printed and the note; None when the play has none."""
    if not data:
        return None
    mismatch = from_data(Mismatch, dict(data))
    return {
        "side": mismatch.side.value,
        "entered": printed_result(mismatch.entered, mismatch.entered_fielder),
        "card_reads": printed_result(mismatch.card, mismatch.card_fielder),
        "text": mismatch_text(mismatch),
    }
