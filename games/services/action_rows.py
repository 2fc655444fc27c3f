"""The rows an accepted action writes, in one statement on PostgreSQL: one round trip for the GameAction and Play
inserts, the game row's update and its session's (updated, or created when it has none), where the ORM sends one
statement each. Other databases (the embedded SQLite default) get the ORM's statements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

from games.models import Game, GameAction, GameSession, Play


def _quote(name: str | None) -> str:
    # names of tables and of concrete fields' columns, never None (the stubs allow it for non-concrete fields)
    return connection.ops.quote_name(name or "")


def _value(field: models.Field[Any, Any], obj: models.Model, add: bool) -> tuple[str, Any]:
    """A field's placeholder and parameter, as Django's insert and update compilers prepare them."""
    value = field.get_db_prep_save(field.pre_save(obj, add), connection)
    placeholder = field.get_placeholder(value, None, connection) if hasattr(field, "get_placeholder") else "%s"
    return placeholder, value


def _insert(model: type[models.Model], rows: Sequence[models.Model], params: list[Any]) -> tuple[str, list[str]]:
    """``INSERT INTO table (columns)`` for `rows` (their automatic primary keys left out) and each row's values
    as ``(placeholders)``, their parameters appended to `params`."""
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    groups = []
    for row in rows:
        placeholders = []
        for field in fields:
            placeholder, value = _value(field, row, add=True)
            placeholders.append(placeholder)
            params.append(value)
        groups.append(f"({', '.join(placeholders)})")
    columns = ", ".join(_quote(f.column) for f in fields)
    return f"INSERT INTO {_quote(model._meta.db_table)} ({columns})", groups


def _insert_values(model: type[models.Model], rows: Sequence[models.Model], params: list[Any]) -> str:
    head, groups = _insert(model, rows, params)
    return f"{head} VALUES {', '.join(groups)}"


def _update(obj: models.Model, names: Sequence[str], where: str, params: list[Any]) -> str:
    """``UPDATE table SET ...`` of `obj`'s fields `names` for the row `where` (its parameter appended last)."""
    meta = obj._meta
    assignments = []
    for name in names:
        field = meta.get_field(name)
        assert isinstance(field, models.Field)
        placeholder, value = _value(field, obj, add=False)
        assignments.append(f"{_quote(field.column)} = {placeholder}")
        params.append(value)
    return f"UPDATE {_quote(meta.db_table)} SET {', '.join(assignments)} WHERE {where}"


def action_rows_write(
    *,
    game: Game,
    actions: Sequence[GameAction],
    plays: Sequence[Play],
    game_fields: Sequence[str],
    session: dict[str, Any],
) -> None:
    """Inserts `actions` and `plays`, saves `game_fields` of `game` and sets `session`'s fields on its GameSession
    (created when it has none), inside the caller's transaction. A used (game, action_id) raises IntegrityError and
    writes nothing, as the ORM's statements would."""
    if connection.vendor != "postgresql" or not actions:
        GameAction.objects.bulk_create(actions)
        Play.objects.bulk_create(plays)
        game.save(update_fields=game_fields)
        if not GameSession.objects.filter(game=game).update(**session):
            GameSession.objects.create(game=game, **session)
        return
    params: list[Any] = []
    steps = [f"a AS ({_insert_values(GameAction, actions, params)})"]
    if plays:
        steps.append(f"p AS ({_insert_values(Play, plays, params)})")
    steps.append(f"g AS ({_update(game, game_fields, f'{_quote(Game._meta.pk.column)} = %s', params)})")
    params.append(game.pk)
    row = GameSession(game=game, **session)
    game_column = _quote(GameSession._meta.get_field("game").column)
    steps.append(f"s AS ({_update(row, list(session), f'{game_column} = %s', params)} RETURNING 1)")
    params.append(game.pk)
    head, (values,) = _insert(GameSession, [row], params)
    # The session row is created only where the update found none (a game's first write).
    create = f"{head} SELECT {values[1:-1]} WHERE NOT EXISTS (SELECT 1 FROM s)"
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(steps)} {create}", params)
