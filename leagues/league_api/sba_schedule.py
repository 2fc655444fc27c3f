"""SBA schedule rows (API_SHAPES.md SBA-4): `GET games?season=&week=` parsed into `SbaGameRecord`s.

The API has no schedule resource: a week's game rows exist before anyone plays them, `game_num` stays null until
a scorecard claims a row, and a row is played when both scores are set. A bad row is reported by its id and field
and left out; the rest of the week is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from .parsing import FieldReader, collect_records, record_id
from .records import ImportProblem, ParseBatch

REGULAR = "regular"


@dataclass(frozen=True)
class SbaGameRecord:
    id: int
    season: int
    week: int
    game_num: int | None
    season_type: str
    away_team_id: int
    home_team_id: int
    away_score: int | None
    home_score: int | None

    @property
    def played(self) -> bool:
        return self.away_score is not None and self.home_score is not None

    @property
    def is_playoff(self) -> bool:
        return self.season_type.lower() != REGULAR


def parse_sba_game(raw: object, source: str = "sba.games") -> SbaGameRecord | list[ImportProblem]:
    """One game row; the teams may be nested objects (as the API sends them) or bare ids."""
    reader = FieldReader(raw, source=source, record_id=record_id(raw, "id"))
    game_id = reader.required_int("id")
    season = reader.required_int("season")
    week = reader.int_in("week", 1, 30, required=True) or 0
    game_num = reader.int_in("game_num", 1, 7)
    season_type = reader.optional_str("season_type") or REGULAR
    teams: dict[str, int] = {}
    for key in ("away_team", "home_team"):
        team_id, _ = reader.foreign_key(key)
        if team_id is None:
            reader.problem(f"{key}.id" if isinstance(reader.raw.get(key), dict) else key, "is missing")
        teams[key] = team_id or 0
    if teams["away_team"] and teams["away_team"] == teams["home_team"]:
        reader.problem("home_team", "a team cannot play itself")
    scores = {key: reader.int_in(key, 0, 99) for key in ("away_score", "home_score")}
    if (scores["away_score"] is None) != (scores["home_score"] is None):
        reader.problem("home_score", "a played game has both scores")
    if not reader.ok:
        return reader.problems
    return SbaGameRecord(
        id=game_id,
        season=season,
        week=week,
        game_num=game_num,
        season_type=season_type,
        away_team_id=teams["away_team"],
        home_team_id=teams["home_team"],
        away_score=scores["away_score"],
        home_score=scores["home_score"],
    )


def parse_sba_games(payload: object, source: str = "sba.games") -> ParseBatch[SbaGameRecord]:
    """`GET games?season=&week=`: the `{count, games}` envelope."""
    return collect_records(payload, "games", source, parse_sba_game, lambda r: r.id)
