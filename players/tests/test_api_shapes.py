"""The models hold what the league APIs send (example payloads in ../shared/league_api), values stored as given."""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from leagues.models import Team
from leagues.tests.factories import LeagueFactory
from players.models import BattingRating, Card, Cardset, PitchingRating, Player, PositionRating
from players.ratings import BATTER_FIELDS, PITCHER_FIELDS

API = Path(__file__).resolve().parents[3] / "shared" / "league_api"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not API.exists(), reason="shared league API examples not available"),
]


def _load(name: str) -> Any:
    return json.loads((API / name).read_text())


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _pd_card(player: dict[str, Any], card: dict[str, Any]) -> Card:
    league = LeagueFactory(code="pd")
    cardset_data = player["cardset"]
    cardset, _ = Cardset.objects.get_or_create(
        league=league,
        external_id=str(cardset_data["id"]),
        defaults={
            "name": cardset_data["name"],
            "description": cardset_data["description"],
            "for_purchase": cardset_data["for_purchase"],
            "in_packs": cardset_data["in_packs"],
            "total_cards": cardset_data["total_cards"],
            "ranked_legal": cardset_data["ranked_legal"],
        },
    )
    positions = [player[f"pos_{n}"] for n in range(1, 9) if player[f"pos_{n}"]]
    player_row, _ = Player.objects.get_or_create(
        league=league,
        external_id=str(player["player_id"]),
        defaults={
            "name": player["p_name"],
            "positions": positions,
            "image": player["image"],
            "bbref_id": player["bbref_id"],
            "fangraphs_id": player["fangr_id"],
            "mlb_club": player["mlbclub"],
            "franchise": player["franchise"],
        },
    )
    rarity = player["rarity"]
    return Card(
        player=player_row,
        cardset=cardset,
        variant=card["variant"],
        rarity=rarity["value"],
        rarity_name=rarity["name"],
        rarity_color=rarity["color"],
        cost=player["cost"],
    )


def test_pd_batting_card_and_ratings_fit() -> None:
    rows = _load("pd_battingcardratings.json")["ratings"]
    data = rows[0]["battingcard"]
    card = _pd_card(data["player"], data)
    card.batting_card_external_id = str(data["id"])
    card.bat_hand = data["hand"]
    for name in ("running", "steal_auto", "steal_high", "steal_low", "bunting", "hit_and_run", "offense_col"):
        setattr(card, name, data[name])
    card.steal_jump = _decimal(data["steal_jump"])
    card.full_clean()
    card.save()
    for row in rows:
        names = (*BATTER_FIELDS, "pull_rate", "center_rate", "slap_rate", "avg", "obp", "slg")
        rating = BattingRating(
            card=card, vs_hand=row["vs_hand"], external_id=str(row["id"]), **{n: _decimal(row[n]) for n in names}
        )
        rating.full_clean()
        rating.save()
        rating.refresh_from_db()
        assert rating.avg == Decimal(str(row["avg"]))


def test_pd_pitching_card_and_ratings_fit() -> None:
    rows = _load("pd_pitchingcardratings.json")["ratings"]
    data = rows[0]["pitchingcard"]
    card = _pd_card(data["player"], data)
    card.pitching_card_external_id = str(data["id"])
    card.throw_hand = data["hand"]
    card.pitcher_batting = data["batting"]
    for name in ("hold", "balk", "wild_pitch", "starter_rating", "relief_rating", "closer_rating"):
        setattr(card, name, data[name])
    card.full_clean()
    card.save()
    for row in rows:
        names = (*PITCHER_FIELDS, "avg", "obp", "slg")
        rating = PitchingRating(card=card, vs_hand=row["vs_hand"], **{n: _decimal(row[n]) for n in names})
        rating.full_clean()
        rating.save()


@pytest.mark.parametrize("fixture", ["pd_cardpositions.json", "pd_cardpositions_catcher.json"])
def test_pd_positions_fit(fixture: str) -> None:
    rows = _load(fixture)["positions"]
    card = _pd_card(rows[0]["player"], rows[0])
    card.save()
    for row in rows:
        position = PositionRating(
            card=card,
            position=row["position"],
            external_id=str(row["id"]),
            innings=row["innings"],
            range=row["range"],
            error=row["error"],
            arm=row["arm"],
            passed_ball=row["pb"],
            throwing=row["overthrow"],
        )
        position.full_clean()
        position.save()


def test_sba_player_and_team_fit() -> None:
    data = _load("sba_player.json")
    team_data = data["team"]
    league = LeagueFactory(code="sba")
    team = Team(
        league=league,
        external_id=str(team_data["id"]),
        abbreviation=team_data["abbrev"],
        name=team_data["lname"],
        short_name=team_data["sname"],
        gm_discord_id=team_data["gmid"],
        gm2_discord_id=team_data["gmid2"] or "",
        manager1_name=team_data["manager1"]["name"],
        division_name=team_data["division"]["division_name"],
        division_abbrev=team_data["division"]["division_abbrev"],
        stadium=team_data["stadium"],
        thumbnail=team_data["thumbnail"],
        color=team_data["color"],
        dice_color=team_data["dice_color"],
        salary_cap=team_data["salary_cap"],
    )
    team.full_clean()
    team.save()
    player = Player(
        league=league,
        team=team,
        external_id=str(data["id"]),
        name=data["name"],
        wara=_decimal(data["wara"]),
        image=data["image"],
        season=data["season"],
        positions=[data[f"pos_{n}"] for n in range(1, 9) if data[f"pos_{n}"]],
        strat_code=data["strat_code"],
        bbref_id=data["bbref_id"],
        injury_rating=data["injury_rating"],
        pitcher_injury=data["pitcher_injury"],
        sbaplayer_id=str(data["sbaplayer"]["id"]),
    )
    player.full_clean()
    player.save()
    player.refresh_from_db()
    assert (player.wara, team.gm_discord_id) == (Decimal("1.84"), "400000000000000001")
