"""Every write to games. Interfaces (consumers, views, the REST API, admin actions, commands) call these.

- `lifecycle`: create a game (AI lineups included) or the game of a scheduled slot, set a lineup, start it.
- `play`: check and apply one action (then the AI's answers), forfeits, claims, timeouts, sweeps.
- `record`: the GameAction and Play rows an accepted action writes, lineup stints, audit entries.
- `commissioner`: lock, unlock, forfeit, recompute, correct a play.
- `rematch`: a finished friendly game's rematch, home and away swapped.
- `disputes`: a manager disputes a result the other side entered; the commissioner corrects or dismisses it.
- `abandoned`: games nobody touched for the league's abandon_after_days are closed (forfeit, or abandoned).
- `season`: play a season's scheduled weeks AI against AI (the demo's played weeks).
"""

from games.services.abandoned import game_close_abandoned, game_close_if_abandoned
from games.services.commissioner import game_correct_play, game_forfeit, game_lock, game_recompute_state, game_unlock
from games.services.disputes import dispute_correct, dispute_dismiss, dispute_raise
from games.services.lifecycle import game_create, game_create_scheduled, game_set_lineup, game_start
from games.services.play import (
    ActionResult,
    game_apply_action,
    game_apply_timeout,
    game_claim_forfeit,
    game_extend_deadlines,
    game_forfeit_by_player,
    game_set_auto,
    game_sweep_expired,
    game_warn_expiring,
)
from games.services.record import audit_record
from games.services.rematch import game_rematch
from games.services.season import season_play_weeks_with_ai

__all__ = [
    "ActionResult",
    "audit_record",
    "dispute_correct",
    "dispute_dismiss",
    "dispute_raise",
    "game_apply_action",
    "game_apply_timeout",
    "game_claim_forfeit",
    "game_close_abandoned",
    "game_close_if_abandoned",
    "game_correct_play",
    "game_create",
    "game_create_scheduled",
    "game_extend_deadlines",
    "game_forfeit",
    "game_forfeit_by_player",
    "game_lock",
    "game_recompute_state",
    "game_rematch",
    "game_set_auto",
    "game_set_lineup",
    "game_start",
    "game_sweep_expired",
    "game_unlock",
    "game_warn_expiring",
    "season_play_weeks_with_ai",
]
