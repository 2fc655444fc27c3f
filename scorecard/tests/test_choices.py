"""One vocabulary: every model field's choices are its source enumeration's values (the engine's, or the league
records' where the engine has none), in the enum's order, and nothing restates them."""

from enum import Enum

import pytest

from games.engine.enums import Half, Hand, Position, ResolutionMode
from games.models import Game, Lineup, Play
from leagues.league_api.records import Grade, LeagueCode, LeaguePosition
from leagues.models import League
from leagues.rule_options import FIELD_POSITIONS
from players.models import Card, PitchingRating, PositionRating
from scorecard.choices import choice_values, enum_choices, title_label, value_label


def _values(members: type[Enum] | tuple[Enum, ...]) -> list[str]:
    return [member.value for member in members]


@pytest.mark.parametrize(
    ("model", "field", "members"),
    [
        (Game, "current_half", Half),
        (Play, "half", Half),
        (Lineup, "position", Position),
        (PositionRating, "position", Position),
        (Card, "bat_hand", Hand),
        (Card, "throw_hand", (Hand.LEFT, Hand.RIGHT)),
        (PitchingRating, "vs_hand", (Hand.LEFT, Hand.RIGHT)),
        (Card, "bunting", Grade),
        (Card, "hit_and_run", Grade),
        (League, "code", LeagueCode),
        (League, "resolution_mode", ResolutionMode),
    ],
)
def test_model_choices_are_the_enum_values(model, field, members):
    assert choice_values(model._meta.get_field(field).choices) == _values(members)


def test_defaults_are_enum_values():
    assert Game._meta.get_field("current_half").default == Half.TOP.value
    assert League._meta.get_field("resolution_mode").default == ResolutionMode.AUTO.value


def test_labels():
    assert dict(Game._meta.get_field("current_half").choices or ()) == {"top": "Top", "bottom": "Bottom"}
    assert dict(Card._meta.get_field("bat_hand").choices or ()) == {"L": "Left", "R": "Right", "S": "Switch"}
    assert dict(Lineup._meta.get_field("position").choices or ())["1B"] == "1B"
    assert dict(League._meta.get_field("code").choices or ()) == {"pd": "Paper Dynasty", "sba": "SBA"}


def test_enum_choices_takes_a_label_function_and_overrides():
    assert enum_choices(Position, label=value_label)[2] == ("1B", "1B")
    assert enum_choices(Position)[2] == ("1B", "First Base")
    assert title_label(Position.LEFT_FIELD) == "Left Field"
    assert enum_choices(Half, labels={Half.TOP: "Visitors bat"}) == [("top", "Visitors bat"), ("bottom", "Bottom")]


def test_league_positions_extend_the_engine_positions_under_the_same_names():
    engine = {position.name: position.value for position in Position}
    league = {position.name: position.value for position in LeaguePosition}
    assert league.items() >= engine.items()
    assert set(league) - set(engine) == {"OF", "SP", "RP", "CP"}


def test_location_tables_use_the_engine_fielders():
    assert FIELD_POSITIONS == ("P", "C", "1B", "2B", "3B", "SS", "LF", "CF", "RF")


def test_doctests():
    import doctest

    import scorecard.choices

    result = doctest.testmod(scorecard.choices)
    assert (result.attempted, result.failed) == (2, 0)
