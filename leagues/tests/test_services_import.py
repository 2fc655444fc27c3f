"""league_import and import_league_data against fixture files and the fake league API: upserts, idempotence,
dry runs, per-record problems, batches."""

import json
import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from games.engine.enums import ResolutionMode
from leagues.league_api.client import FileSource, HttpSource, LeagueApiError, RetryPolicy
from leagues.league_api.importer import Action
from leagues.league_api.records import LeagueCode, Severity
from leagues.league_api.sba_cards import load_sba_cards
from leagues.models import League, Team
from leagues.services import league_import
from players.models import BattingRating, Card, Cardset, PitchingRating, Player, PositionRating

from .fake_league_api import FIXTURES, PD_ROOT, SBA_PREFIX, Failure, FakeLeagueApi
from .test_sba_cards import EXAMPLES

pytestmark = pytest.mark.django_db

PD_DIR = FIXTURES / "pd"
SBA_DIR = FIXTURES / "sba"


def pd_copy(tmp_path: Path) -> Path:
    shutil.copytree(PD_DIR, tmp_path / "pd")
    return tmp_path / "pd"


def edit(file: Path, change: dict[str, object]) -> None:
    file.write_text(json.dumps(json.loads(file.read_text()) | change))


def test_pd_import_writes_players_cards_ratings_and_positions() -> None:
    report = league_import(league_code="pd", source=FileSource(PD_DIR))
    assert report.ok
    assert report.counts == {
        ("cardset", Action.CREATED): 1,
        ("cardset", Action.UNCHANGED): 1,
        ("player", Action.CREATED): 2,
        ("card", Action.CREATED): 2,
        ("batting rating", Action.CREATED): 2,
        ("pitching rating", Action.CREATED): 2,
        ("position rating", Action.CREATED): 3,
    }
    league = League.objects.get(code="pd")
    assert league.resolution_mode == ResolutionMode.AUTO.value
    cardset = Cardset.objects.get(league=league)
    assert (cardset.external_id, cardset.name, cardset.for_purchase, cardset.total_cards) == (
        "41",
        "1987 Replay",
        True,
        612,
    )
    batter = Player.objects.get(league=league, external_id="88101")
    assert (batter.name, batter.positions, batter.fangraphs_id, batter.mlb_club) == (
        "Rusty Calloway",
        ["2B", "SS", "3B"],
        "9900101",
        "Harbor City Gulls",
    )
    card = Card.objects.get(player=batter)
    assert (card.cardset, card.variant, card.rarity, card.rarity_name, card.cost) == (cardset, 0, 4, "All-Star", 142)
    assert (card.batting_card_external_id, card.bat_hand, card.running, card.steal_jump) == (
        "30517",
        "R",
        12,
        Decimal("0.2778"),
    )
    assert (card.bunting, card.hit_and_run, card.offense_col, card.throw_hand) == ("B", "C", 1, "")
    vs_left = BattingRating.objects.get(card=card, vs_hand="L")
    assert (vs_left.external_id, vs_left.strikeout, vs_left.pull_rate, vs_left.avg) == (
        "61033",
        Decimal("14.80"),
        Decimal("0.45"),
        Decimal("0.2786"),
    )
    assert sum(vs_left.chances().values()) == 108
    assert [(row.position, row.range, row.error) for row in PositionRating.objects.filter(card=card)] == [
        ("2B", 2, 9),
        ("3B", 3, 21),
        ("SS", 3, 17),
    ]
    pitcher = Card.objects.get(player__external_id="88102")
    assert (pitcher.throw_hand, pitcher.hold, pitcher.starter_rating, pitcher.pitcher_batting) == ("R", 2, 6, "#1WR-C")
    assert (pitcher.pitching_card_external_id, pitcher.bat_hand) == ("20871", "")
    vs_right = PitchingRating.objects.get(card=pitcher, vs_hand="R")
    assert (vs_right.xcheck_ss, vs_right.lineout) == (Decimal(7), None)
    assert vs_right.chance_errors() == {}


def test_pd_import_is_idempotent_and_updates_what_changed(tmp_path: Path) -> None:
    root = pd_copy(tmp_path)
    league_import(league_code="pd", source=FileSource(root))
    again = league_import(league_code="pd", source=FileSource(root))
    assert {action for _, action in again.counts} == {Action.UNCHANGED}
    edit(root / "players" / "88101.json", {"p_name": "Rusty Calloway Jr.", "cost": 150})
    changed = league_import(league_code="pd", source=FileSource(root), player_ids=[88101])
    assert changed.counts[("player", Action.UPDATED)] == 1
    assert changed.counts[("card", Action.UPDATED)] == 1
    assert changed.counts[("batting rating", Action.UNCHANGED)] == 2
    assert Player.objects.get(external_id="88101").name == "Rusty Calloway Jr."
    assert Player.objects.count() == 2
    assert Card.objects.count() == 2


def test_positions_the_league_dropped_are_deleted_only_when_the_list_is_complete(tmp_path: Path) -> None:
    root = pd_copy(tmp_path)
    league_import(league_code="pd", source=FileSource(root), player_ids=[88101])
    positions_file = root / "cardpositions" / "player_id=88101.json"
    payload = json.loads(positions_file.read_text())
    payload["positions"][0]["range"] = 9
    positions_file.write_text(json.dumps(payload))
    partly_bad = league_import(league_code="pd", source=FileSource(root), player_ids=[88101])
    assert ("position rating", Action.DELETED) not in partly_bad.counts
    positions_file.unlink()
    missing = league_import(league_code="pd", source=FileSource(root), player_ids=[88101])
    assert ("position rating", Action.DELETED) not in missing.counts
    positions_file.write_text(json.dumps(payload | {"positions": payload["positions"][1:]}))
    dropped = league_import(league_code="pd", source=FileSource(root), player_ids=[88101])
    assert dropped.counts[("position rating", Action.DELETED)] == 1
    assert sorted(PositionRating.objects.values_list("position", flat=True)) == ["3B", "SS"]


def test_dry_run_reports_but_writes_nothing() -> None:
    report = league_import(league_code="pd", source=FileSource(PD_DIR), dry_run=True)
    assert report.counts[("player", Action.CREATED)] == 2
    assert report.summary()[-1] == "pd: dry run, nothing written; 0 errors, 0 adjustments, 0 notes"
    assert not League.objects.exists()
    assert not Player.objects.exists()


def test_bad_records_are_reported_and_the_rest_imported(tmp_path: Path) -> None:
    root = pd_copy(tmp_path)
    edit(root / "players" / "88102.json", {"cost": -5})
    (root / "players" / "77.json").write_text(json.dumps({"player_id": 77, "cardset": 41}))
    report = league_import(league_code="pd", source=FileSource(root))
    assert sorted((problem.record_id, problem.field) for problem in report.of(Severity.ERROR)) == [
        ("77", "p_name"),
        ("88102", None),
    ]
    refused = next(problem for problem in report.problems if problem.record_id == "88102")
    assert refused.message.startswith("not written:")
    assert list(Player.objects.values_list("external_id", flat=True)) == ["88101"]
    assert not Card.objects.filter(player__external_id="88102").exists()


def test_an_existing_cardset_of_the_same_name_is_adopted() -> None:
    league = League.objects.create(code="pd", name="PD")
    demo = Cardset.objects.create(league=league, name="1987 Replay")
    league_import(league_code="pd", source=FileSource(PD_DIR), player_ids=[88101])
    demo.refresh_from_db()
    assert demo.external_id == "41"
    assert Cardset.objects.count() == 1


def test_short_output_cardset_gets_a_placeholder_until_a_full_import(tmp_path: Path) -> None:
    root = pd_copy(tmp_path)
    edit(root / "players" / "88101.json", {"cardset": 41, "rarity": 2})
    league_import(league_code="pd", source=FileSource(root), player_ids=[88101])
    assert Cardset.objects.get().name == "PD cardset 41"
    assert Card.objects.get().rarity is None
    league_import(league_code="pd", source=FileSource(PD_DIR), player_ids=[88101])
    assert Cardset.objects.get().name == "1987 Replay"
    assert Card.objects.get().rarity == 4


def test_pd_over_http_needs_ids_and_matches_files(fake_league_api: FakeLeagueApi) -> None:
    http = HttpSource(fake_league_api.pd_url)
    with pytest.raises(ValueError, match="player ids"):
        league_import(league_code="pd", source=http)
    over_http = league_import(league_code="pd", source=http, player_ids=[88101, 88102], dry_run=True)
    from_files = league_import(league_code="pd", source=FileSource(PD_DIR), dry_run=True)
    assert over_http.counts == from_files.counts


def test_an_unreachable_league_stops_after_the_committed_batches(fake_league_api: FakeLeagueApi) -> None:
    fake_league_api.fail(f"{PD_ROOT}players/88102", *[Failure(status=503)] * 3)
    http = HttpSource(fake_league_api.pd_url, retry=RetryPolicy(attempts=3, backoff=0))
    with pytest.raises(LeagueApiError, match="503"):
        league_import(league_code="pd", source=http, player_ids=[88101, 88102], batch_size=1)
    assert list(Player.objects.values_list("external_id", flat=True)) == ["88101"]


def test_sba_season_with_cards() -> None:
    cards = load_sba_cards(EXAMPLES / "sba_cards.json")
    report = league_import(league_code=LeagueCode.SBA, source=FileSource(SBA_DIR), season=13, cards=cards)
    assert report.of(Severity.ERROR) == []
    assert [problem.field for problem in report.of(Severity.NOTE)] == ["vl_*/vr_*"]
    league = League.objects.get(code="sba")
    assert (league.resolution_mode, league.injuries) == (ResolutionMode.MANUAL.value, True)
    team = Team.objects.get(league=league)
    assert team.season is not None
    assert (team.external_id, team.abbreviation, team.name, team.short_name, team.season.number) == (
        "612",
        "HCG",
        "Harbor City Gulls",
        "Gulls",
        13,
    )
    assert (team.gm_discord_id, team.manager1_name, team.division_abbrev, team.stadium) == (
        "400000000000000001",
        "Morgan",
        "LKS",
        "Breakwater Park",
    )
    players = {player.external_id: player for player in Player.objects.filter(league=league)}
    assert set(players) == {"14021", "14022", "14023"}
    assert all(player.team == team and player.season == 13 for player in players.values())
    assert (players["14022"].positions, players["14022"].pitcher_injury, players["14021"].wara) == (
        ["SP"],
        3,
        Decimal("1.84"),
    )
    cardset = Cardset.objects.get(league=league)
    assert (cardset.external_id, cardset.name) == ("season-13", "SBA season 13")
    outfielder = Card.objects.get(player=players["14021"])
    assert (outfielder.bat_hand, outfielder.running, outfielder.steal_jump, outfielder.hit_and_run) == (
        "L",
        15,
        Decimal("0.3889"),
        "A",
    )
    assert [(row.position, row.range, row.arm) for row in outfielder.positions.all()] == [("CF", 1, -1), ("LF", 2, 0)]
    pitcher = Card.objects.get(player=players["14022"])
    assert (pitcher.throw_hand, pitcher.bat_hand, pitcher.hold, pitcher.relief_rating) == ("R", "R", 2, 2)
    catcher = Card.objects.get(player=players["14023"])
    assert catcher.batting_ratings.count() == 2
    assert (catcher.positions.get(position="C").passed_ball, catcher.positions.get(position="C").throwing) == (5, 3)


def test_sba_card_fielding_is_replaced(tmp_path: Path) -> None:
    league_import(
        league_code="sba", source=FileSource(SBA_DIR), season=13, cards=load_sba_cards(EXAMPLES / "sba_cards.csv")
    )
    text = (EXAMPLES / "sba_cards.csv").read_text().replace("c-2e6 arm-2 pb5 t3; 1b-3e8", "1b-2e8")
    (tmp_path / "cards.csv").write_text(text)
    report = league_import(
        league_code="sba", source=FileSource(SBA_DIR), season=13, cards=load_sba_cards(tmp_path / "cards.csv")
    )
    assert report.counts[("position rating", Action.DELETED)] == 1
    assert report.counts[("position rating", Action.UPDATED)] == 1
    catcher = Card.objects.get(player__external_id="14023")
    assert [(row.position, row.range) for row in catcher.positions.all()] == [("1B", 2)]


def test_sba_import_is_idempotent_and_needs_a_season() -> None:
    cards = load_sba_cards(EXAMPLES / "sba_cards.csv")
    league_import(league_code="sba", source=FileSource(SBA_DIR), season=13, cards=cards)
    again = league_import(league_code="sba", source=FileSource(SBA_DIR), season=13, cards=cards)
    assert {action for _, action in again.counts} <= {Action.UNCHANGED, Action.CHECKED}
    with pytest.raises(ValueError, match="season"):
        league_import(league_code="sba", source=FileSource(SBA_DIR))


def test_sba_over_http_matches_files(fake_league_api: FakeLeagueApi) -> None:
    http = HttpSource(fake_league_api.sba_url, path_prefix=SBA_PREFIX)
    over_http = league_import(league_code="sba", source=http, season=13, dry_run=True)
    from_files = league_import(league_code="sba", source=FileSource(SBA_DIR), season=13, dry_run=True)
    assert over_http.counts == from_files.counts
    assert over_http.counts[("team", Action.CREATED)] == 1


def test_command_imports_from_a_directory_and_prints_the_summary() -> None:
    out = StringIO()
    call_command("import_league_data", "--league", "pd", "--from", str(PD_DIR), stdout=out, stderr=StringIO())
    assert "player: 2 created" in out.getvalue()
    assert out.getvalue().strip().endswith("pd: 0 errors, 0 adjustments, 0 notes")
    assert Player.objects.count() == 2


def test_command_dry_run_with_cards_and_verbose_notes() -> None:
    out, err = StringIO(), StringIO()
    call_command(
        "import_league_data",
        "--league=sba",
        f"--from={SBA_DIR}",
        "--season=13",
        f"--cards={EXAMPLES / 'sba_cards.csv'}",
        "--dry-run",
        "-v2",
        stdout=out,
        stderr=err,
    )
    assert "dry run, nothing written" in out.getvalue()
    assert "result numbers are checked but not stored" in err.getvalue()
    assert not Player.objects.exists()


def test_command_fails_when_records_were_refused(tmp_path: Path) -> None:
    root = pd_copy(tmp_path)
    edit(root / "players" / "88102.json", {"p_name": None})
    err = StringIO()
    with pytest.raises(CommandError, match="1 record"):
        call_command("import_league_data", "--league=pd", f"--from={root}", "--players=88101, 88102", stderr=err)
    assert "88102/p_name" in err.getvalue()
    assert Player.objects.count() == 1


@override_settings(
    LEAGUE_APIS={
        "pd": {"base_url": "https://pd.example.com/api/v2/", "key": "pd-key"},
        "sba": {"base_url": "https://sba.example.com/", "key": "", "path_prefix": SBA_PREFIX},
    }
)
def test_command_uses_the_configured_key_and_prefix_for_a_url(fake_league_api: FakeLeagueApi) -> None:
    call_command(
        "import_league_data", "--league=pd", f"--from={fake_league_api.pd_url}", "--players=88101", "--dry-run"
    )
    call_command("import_league_data", "--league=sba", f"--from={fake_league_api.sba_url}", "--season=13", "--dry-run")
    seen = fake_league_api.requests
    assert {request.headers.get("Authorization") for request in seen if request.path.startswith(PD_ROOT)} == {
        "Bearer pd-key"
    }
    assert all(request.path.startswith(f"/sba/{SBA_PREFIX}") for request in seen if request.path.startswith("/sba/"))
    assert not Player.objects.exists()


def test_command_argument_errors() -> None:
    with pytest.raises(CommandError, match="comma-separated"):
        call_command("import_league_data", "--league=pd", f"--from={PD_DIR}", "--players=a,b")
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_league_data", "--league=pd", "--from=/nowhere/at/all")
    with pytest.raises(CommandError, match="season"):
        call_command("import_league_data", "--league=sba", f"--from={SBA_DIR}")
    with pytest.raises(CommandError, match="--season, --cards do"):
        call_command("import_league_data", "--league=pd", "--season=13", "--cards=x.csv")
    with pytest.raises(CommandError, match="--players do"):
        call_command("import_league_data", "--league=sba", "--players=1")
    with pytest.raises(CommandError, match="cannot read the card file"):
        call_command("import_league_data", "--league=sba", f"--from={SBA_DIR}", "--season=13", "--cards=/nowhere.csv")
