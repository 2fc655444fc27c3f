import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from games.engine.enums import ResolutionMode
from leagues.models import League, Season
from leagues.rule_options import LeagueRuleOptions, default_location_tables
from leagues.tests.factories import BallparkFactory, LeagueFactory, SeasonFactory

pytestmark = pytest.mark.django_db


def test_defaults_follow_the_rule_book() -> None:
    options = LeagueFactory(code="sba", resolution_mode="manual", injuries=True).rule_options()
    assert isinstance(options, LeagueRuleOptions)
    assert (options.innings, options.dh, options.extra_inning_runner, options.mercy_rule) == (9, True, False, False)
    assert options.resolution_mode is ResolutionMode.MANUAL
    assert (options.decision_window_seconds, options.park_hr_number, options.park_single_number) == (60, 10, 10)
    assert options.injuries
    assert options.rare_plays
    assert options.out_of_position
    assert options.location_tables == default_location_tables()


def test_default_location_tables_match_rules() -> None:
    tables = default_location_tables()
    right = tables["groundball"]["R"]
    assert right[0] == "3B"
    assert right[6] == "SS"
    assert right[13] == "2B"
    assert right[17] == "1B"
    assert right[19] == "P"
    assert tables["groundball"]["L"][0] == "1B"
    assert tables["flyball"]["L"][0] == "RF"
    assert tables["flyball"]["R"][19] == "RF"


def test_mercy_rule_needs_margin_and_inning() -> None:
    league = League(code="pd", name="PD", mercy_rule=True)
    with pytest.raises(ValidationError) as excinfo:
        league.full_clean()
    assert {"mercy_run_margin", "mercy_inning"} <= set(excinfo.value.message_dict)


def test_bad_location_table_is_refused() -> None:
    league = League(code="pd", name="PD", location_tables={"groundball": {"R": ["3B"]}})
    with pytest.raises(ValidationError) as excinfo:
        league.full_clean()
    assert "location_tables" in excinfo.value.message_dict


def test_park_numbers_are_d20() -> None:
    with pytest.raises(ValidationError):
        BallparkFactory.build(hr_number=21).full_clean()
    with pytest.raises(IntegrityError):
        BallparkFactory(single_number=0)


def test_one_current_season_per_league() -> None:
    season = SeasonFactory(is_current=True)
    with pytest.raises(IntegrityError):
        Season.objects.create(league=season.league, number=season.number + 1, is_current=True)
