"""Every read of games. Interfaces call these; services may too.

- `lobby`: live and recent games, a manager's teams, open games and this week's scheduled games.
- `lineups`: lineup entries, suggestions and the lineup builder's card options.
- `records`: recorded actions, the game log, box scores, plays and lineups.
- `scoresheet`: the scoresheet and the plays as named rows (the printable, PDF and CSV downloads).
- `replay`: replaying a game's actions and checking them against the database.
- `live`: a live game's version, snapshot, events and presence (the socket's reads).
- `page`: what the game page embeds and fetches.
"""

from games.selectors.lineups import (
    CardOption,
    LineupEntry,
    game_lineup_team_ids,
    game_lineup_teams,
    lineup_card_options,
    lineup_current,
    lineup_suggest,
    lineup_warnings,
)
from games.selectors.live import game_events_after, game_presence, game_snapshot, game_version
from games.selectors.lobby import (
    ManagedGame,
    ScheduledSlot,
    game_list_for_manager,
    game_list_live,
    game_list_recent,
    scheduled_list_for_manager,
    team_list_managed,
)
from games.selectors.page import game_page_box, game_page_config, game_page_events
from games.selectors.records import (
    game_box_score,
    game_box_score_data,
    game_lineups,
    game_log,
    game_log_text,
    game_plays,
    game_recorded_actions,
)
from games.selectors.replay import ReplayReport, game_replay_check, replay_actions
from games.selectors.scoresheet import PLAY_COLUMNS, Scoresheet, game_play_rows, game_scoresheet

__all__ = [
    "PLAY_COLUMNS",
    "CardOption",
    "LineupEntry",
    "ManagedGame",
    "ReplayReport",
    "ScheduledSlot",
    "Scoresheet",
    "game_box_score",
    "game_box_score_data",
    "game_events_after",
    "game_lineup_team_ids",
    "game_lineup_teams",
    "game_lineups",
    "game_list_for_manager",
    "game_list_live",
    "game_list_recent",
    "game_log",
    "game_log_text",
    "game_page_box",
    "game_page_config",
    "game_page_events",
    "game_play_rows",
    "game_plays",
    "game_presence",
    "game_recorded_actions",
    "game_replay_check",
    "game_scoresheet",
    "game_snapshot",
    "game_version",
    "lineup_card_options",
    "lineup_current",
    "lineup_suggest",
    "lineup_warnings",
    "replay_actions",
    "scheduled_list_for_manager",
    "team_list_managed",
]
