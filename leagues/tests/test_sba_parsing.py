"""SBA payloads into records: team, player (nested and bare team), lists, roster sections, bad records."""

from decimal import Decimal

from leagues.league_api.records import (
    LeaguePosition,
    RosterSection,
    SbaPlayerRecord,
    SbaTeamRecord,
    Severity,
)
from leagues.league_api.sba_parsing import (
    parse_sba_player,
    parse_sba_players,
    parse_sba_roster,
    parse_sba_team,
    parse_sba_teams,
)

from .fake_league_api import load_fixture


def test_team_fields_are_mapped() -> None:
    team = parse_sba_team(load_fixture("sba/teams/612.json"))
    assert isinstance(team, SbaTeamRecord)
    assert (team.id, team.abbrev, team.sname, team.lname, team.season) == (612, "HCG", "Gulls", "Harbor City Gulls", 13)
    assert (team.gmid, team.gmid2) == ("400000000000000001", None)
    assert (team.manager1_id, team.manager2_id, team.manager2) == (27, None, None)
    assert team.manager1 is not None
    assert team.manager1.name == "Morgan"
    assert team.division is not None
    assert (team.division_id, team.division.division_abbrev, team.division.season) == (58, "LKS", 13)
    assert (team.stadium, team.color, team.dice_color, team.salary_cap) == ("Breakwater Park", "1f6f8b", "f2a541", None)


def test_gmid_sent_as_a_number_stays_a_string_and_short_output_ids_are_kept() -> None:
    payload = load_fixture("sba/teams/612.json") | {"gmid": 400000000000000002, "manager1": 27, "division": 58}
    team = parse_sba_team(payload)
    assert isinstance(team, SbaTeamRecord)
    assert team.gmid == "400000000000000002"
    assert (team.manager1_id, team.manager1, team.division_id, team.division) == (27, None, 58, None)


def test_player_with_nested_team() -> None:
    player = parse_sba_player(load_fixture("sba/players/14021.json"))
    assert isinstance(player, SbaPlayerRecord)
    assert (player.id, player.name, player.season, player.wara) == (14021, "Tobias Renfrow", 13, Decimal("1.84"))
    assert player.team_id == 612
    assert player.team is not None
    assert player.team.gmid == "400000000000000001"
    assert player.positions == (LeaguePosition.CENTER_FIELD, LeaguePosition.LEFT_FIELD)
    assert (player.strat_code, player.bbref_id, player.injury_rating) == ("Renfrow,T", "renfrto01", "2p65")
    assert player.sbaplayer is not None
    assert (player.sbaplayer_id, player.sbaplayer.key_fangraphs, player.sbaplayer.key_retro) == (
        5120,
        9900301,
        "rent0001",
    )


def test_player_list_with_bare_team_ids() -> None:
    batch = parse_sba_players(load_fixture("sba/players/season=13.json"))
    assert batch.problems == ()
    assert [(player.id, player.team_id, player.team) for player in batch.records] == [
        (14021, 612, None),
        (14022, 612, None),
        (14023, 612, None),
    ]
    assert batch.records[1].pitcher_injury == 3
    assert batch.records[1].positions == (LeaguePosition.SP,)


def test_teams_list() -> None:
    batch = parse_sba_teams(load_fixture("sba/teams/season=13.json"))
    assert [team.abbrev for team in batch.records] == ["HCG"]


def test_roster_sections() -> None:
    batch = parse_sba_roster(load_fixture("sba/teams/612/roster/current.json"), team_id=612)
    assert batch.problems == ()
    active, short_il, long_il = batch.records
    assert (active.section, active.team_id, active.wara_total) == (RosterSection.ACTIVE, 612, Decimal("4.25"))
    assert [player.id for player in active.players] == [14021, 14022]
    assert dict(active.position_counts)[LeaguePosition.CENTER_FIELD] == 1
    assert dict(active.position_counts)[LeaguePosition.C] == 0
    assert (short_il.section, [player.name for player in short_il.players]) == (
        RosterSection.SHORT_IL,
        ["Declan Ferro"],
    )
    assert (long_il.section, long_il.players, long_il.wara_total) == (RosterSection.LONG_IL, (), Decimal(0))


def test_bad_players_are_reported_with_id_and_field_and_the_rest_parse() -> None:
    payload = load_fixture("sba/players/season=13.json")
    payload["players"].append(payload["players"][1] | {"id": 14030, "injury_rating": "bad"})
    payload["players"][0]["wara"] = "a lot"
    payload["players"][1]["pos_1"] = None
    del payload["players"][2]["name"]
    batch = parse_sba_players(payload)
    assert [player.id for player in batch.records] == [14030]
    errors = {(problem.record_id, problem.field) for problem in batch.errors}
    assert errors == {("14021", "wara"), ("14022", "pos_1"), ("14023", "name")}
    notes = {(problem.record_id, problem.field) for problem in batch.problems if problem.severity is Severity.NOTE}
    assert notes == {(None, "count"), ("14030", "injury_rating")}


def test_old_injury_rating_format_is_accepted_and_an_odd_one_is_a_note() -> None:
    payload = load_fixture("sba/players/14021.json") | {"injury_rating": "p65"}
    player = parse_sba_player(payload)
    assert isinstance(player, SbaPlayerRecord)
    assert player.notes == ()
    player = parse_sba_player(payload | {"injury_rating": "sometimes"})
    assert isinstance(player, SbaPlayerRecord)
    assert player.injury_rating == "sometimes"
    assert [(note.severity, note.field) for note in player.notes] == [(Severity.NOTE, "injury_rating")]


def test_duplicate_players_are_reported() -> None:
    payload = load_fixture("sba/players/season=13.json")
    payload["players"].append(payload["players"][0])
    batch = parse_sba_players(payload)
    assert len(batch.records) == 3
    assert [(problem.record_id, problem.message) for problem in batch.errors] == [("14021", "duplicate record")]


def test_roster_with_a_bad_player_keeps_the_rest() -> None:
    payload = load_fixture("sba/teams/612/roster/current.json")
    payload["active"]["players"][0]["id"] = "x"
    payload["active"]["CF"] = "one"
    batch = parse_sba_roster(payload, team_id=612)
    assert [record.section for record in batch.records] == [RosterSection.SHORT_IL, RosterSection.LONG_IL]
    assert {(problem.record_id, problem.field) for problem in batch.errors} == {("x", "id"), ("612", "active.CF")}


def test_roster_that_is_not_an_object() -> None:
    batch = parse_sba_roster([], team_id=612)
    assert batch.records == ()
    assert batch.errors[0].severity is Severity.ERROR
