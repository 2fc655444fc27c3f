"""Writes for leagues: commissioners and team managers (`commissioners`), the demo data (`demo`), and the league
data import (`data_import`)."""

from leagues.services.commissioners import (
    COMMISSIONER_PERMISSIONS,
    commissioner_add,
    commissioner_group_for,
    commissioner_remove,
    team_managers_link_discord,
)
from leagues.services.data_import import DEFAULT_BATCH_SIZE, DEFAULT_WORKERS, league_import
from leagues.services.demo import DEMO_SUPERUSER, DemoLoadResult, demo_load

__all__ = [
    "COMMISSIONER_PERMISSIONS",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_WORKERS",
    "DEMO_SUPERUSER",
    "DemoLoadResult",
    "commissioner_add",
    "commissioner_group_for",
    "commissioner_remove",
    "demo_load",
    "league_import",
    "team_managers_link_discord",
]
