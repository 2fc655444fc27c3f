"""Django `choices` built from the project's enumerations, so each vocabulary is written once.

The engine's enums (`games.engine.enums`: positions, halves, hands, resolution modes) and the league-data enums
(`leagues.league_api.records`: league codes, grades) are the sources; model fields, forms and serializers take
their `choices` from here instead of restating the values. The stored value is the member's `value`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import TypeVar

E = TypeVar("E", bound=Enum)


def title_label(member: Enum) -> str:
    """`LEFT_FIELD` -> "Left Field" (Django's default label for a choices member)."""
    return member.name.replace("_", " ").title()


def value_label(member: Enum) -> str:
    """The stored code itself ("1B", "SS"): for vocabularies whose codes are what people read."""
    return str(member.value)


def enum_choices(
    members: Iterable[E],
    label: Callable[[E], str] = title_label,
    labels: Mapping[E, str] | None = None,
) -> list[tuple[str, str]]:
    """`[(member.value, label), ...]` in the enum's order: an Enum class or a selection of its members.

    A member's label is `labels[member]` when given, else `label(member)`.

    >>> from games.engine.enums import Half
    >>> enum_choices(Half)
    [('top', 'Top'), ('bottom', 'Bottom')]
    """
    given = labels or {}
    return [(str(member.value), given.get(member) or label(member)) for member in members]


def choice_values(choices: Iterable[tuple[str, str]]) -> list[str]:
    """The stored values of a choices list."""
    return [value for value, _ in choices]
