"""The game row locked for an action, in one prepared statement (the hot path of live play), with the game's
stored setup when this process does not hold it (a cold worker serves the game from this one read)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db import connection

from games import engine
from games.access import User
from games.errors import NotFound
from games.models import Game, Lineup, StoredSetup
from games.setup import setup_in_memory
from leagues.models import League, Team


@dataclass(frozen=True, slots=True)
class _Columns:
    """One model's columns in the locking statement, with the converters Django would apply to them."""

    model: type[Any]
    attnames: tuple[str, ...]
    converters: tuple[tuple[tuple[Callable[..., Any], ...], Any], ...]

    def build(self, values: Sequence[Any]) -> Any:
        converted = []
        for value, (converters, expression) in zip(values, self.converters, strict=True):
            for convert in converters:
                value = convert(value, expression, connection)
            converted.append(value)
        return self.model.from_db(connection.alias, list(self.attnames), converted)


_LOCK_STATEMENTS: dict[str, tuple[str, tuple[_Columns, ...]]] = {}


def _lock_statement() -> tuple[str, tuple[_Columns, ...]]:
    """The statement `locked_game` runs (built once per database vendor) and how to read its row: the game, its
    league and teams, the lineup fingerprint, whether a user manages the away / the home team, and the stored
    setup's key (and its data, when asked for)."""
    cached = _LOCK_STATEMENTS.get(connection.vendor)
    if cached is not None:
        return cached

    def quote(name: str | None) -> str:
        # names of tables and of concrete fields' columns, never None (the stubs allow it for non-concrete fields)
        return connection.ops.quote_name(cast(str, name))

    tables = ((Game, "g"), (League, "l"), (Team, "h"), (Team, "a"))
    columns, selected = [], []
    for model, alias in tables:
        fields = model._meta.concrete_fields
        selected += [f"{alias}.{quote(f.column)}" for f in fields]
        converters = tuple(
            (
                (*f.get_db_converters(connection), *connection.ops.get_db_converters(f.get_col(alias))),
                f.get_col(alias),
            )
            for f in fields
        )
        columns.append(_Columns(model, tuple(f.attname for f in fields), converters))
    lineup, game_fk = quote(Lineup._meta.db_table), quote(Lineup._meta.get_field("game").column)
    through = Team.managers.through._meta.db_table
    team_fk, user_fk = Team.managers.field.m2m_column_name(), Team.managers.field.m2m_reverse_name()

    def managed(team_column: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {quote(through)} m WHERE m.{quote(team_fk)} = g.{quote(team_column)}"
            f" AND m.{quote(user_fk)} = %s)"
        )

    lock = ""
    if connection.features.has_select_for_update_of:
        lock = " FOR UPDATE OF g"
    elif connection.features.has_select_for_update:
        lock = " FOR UPDATE"
    game_pk = quote(Game._meta.pk.column)
    stored = quote(StoredSetup._meta.db_table)
    sql = (
        f"SELECT {', '.join(selected)},"
        f" (SELECT COUNT(*) FROM {lineup} x WHERE x.{game_fk} = g.{game_pk}),"
        f" (SELECT COALESCE(MAX(x.{quote(Lineup._meta.pk.column)}), 0) FROM {lineup} x"
        f" WHERE x.{game_fk} = g.{game_pk}),"
        f" {managed(Game._meta.get_field('away_team').column)}, {managed(Game._meta.get_field('home_team').column)},"
        f" s.{quote('key')}, CASE WHEN %s THEN s.{quote('data')} END"
        f" FROM {quote(Game._meta.db_table)} g"
        f" JOIN {quote(League._meta.db_table)} l ON l.{quote(League._meta.pk.column)} = g.{quote('league_id')}"
        f" JOIN {quote(Team._meta.db_table)} h ON h.{quote(Team._meta.pk.column)} = g.{quote('home_team_id')}"
        f" JOIN {quote(Team._meta.db_table)} a ON a.{quote(Team._meta.pk.column)} = g.{quote('away_team_id')}"
        f" LEFT JOIN {stored} s ON s.{quote(StoredSetup._meta.pk.column)} = g.{game_pk}"
        f" WHERE g.{game_pk} = %s{lock}"
    )
    _LOCK_STATEMENTS[connection.vendor] = (sql, tuple(columns))
    return sql, tuple(columns)


def locked_game(game_id: Any, user: User | None = None) -> Game:
    """The game row locked for update (only that row: league and teams are read, not locked), in one prepared
    statement with its lineup fingerprint and stored setup (for `game_setup`; the setup's data only when this
    process does not hold the game's setup) and, for a signed-in `user`, the sides they manage.
    Same result as ``Game.objects.select_for_update(of=("self",)).select_related("league", "home_team",
    "away_team")`` without compiling a query per action."""
    try:
        pk = Game._meta.pk.get_db_prep_value(uuid.UUID(str(game_id)), connection)
    except (ValueError, TypeError, AttributeError) as exc:
        raise NotFound("no such game") from exc
    user_id = user.pk if user is not None and user.is_authenticated else None
    sql, columns = _lock_statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, user_id, not setup_in_memory(game_id), pk])
        row = cursor.fetchone()
    if row is None:
        raise NotFound("no such game")
    models, offset = [], 0
    for part in columns:
        models.append(part.build(row[offset : offset + len(part.attnames)]))
        offset += len(part.attnames)
    game, league, home_team, away_team = models
    game.league, game.home_team, game.away_team = league, home_team, away_team
    game.lineup_rows, game.lineup_top, away_managed, home_managed, stored_key, stored_data = row[offset:]
    game.stored_setup_key = stored_key
    game.stored_setup_data = json.loads(stored_data) if isinstance(stored_data, str | bytes) else stored_data
    if user_id is not None:
        managed = {engine.Side.AWAY: bool(away_managed), engine.Side.HOME: bool(home_managed)}
        game._sides_of = (user_id, frozenset(side for side, yes in managed.items() if yes))
    return game
