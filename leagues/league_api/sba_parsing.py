"""SBA payloads (teams, players, rosters) into records (`parsing` holds the shared rules)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from .parsing import INJURY_RATING, FieldReader, collect_records, read_flat, read_nested, record_id
from .records import (
    ImportProblem,
    LeaguePosition,
    ParseBatch,
    RosterSection,
    SbaDivisionRecord,
    SbaManagerRecord,
    SbaPersonRecord,
    SbaPlayerRecord,
    SbaRosterRecord,
    SbaTeamRecord,
    Severity,
)


def _sba_team(reader: FieldReader) -> SbaTeamRecord:
    manager1_id, manager1 = read_nested(reader, "manager1", SbaManagerRecord)
    manager2_id, manager2 = read_nested(reader, "manager2", SbaManagerRecord)
    division_id, division = read_nested(reader, "division", SbaDivisionRecord)
    return read_flat(
        reader,
        SbaTeamRecord,
        manager1_id=manager1_id,
        manager1=manager1,
        manager2_id=manager2_id,
        manager2=manager2,
        division_id=division_id,
        division=division,
    )


def parse_sba_team(raw: object, source: str = "sba.team") -> SbaTeamRecord | list[ImportProblem]:
    """`GET teams/{id}` (or one team of `GET teams`)."""
    reader = FieldReader(raw, source=source, record_id=record_id(raw, "id"))
    record = _sba_team(reader)
    return record if reader.ok else reader.problems


def parse_sba_teams(payload: object, source: str = "sba.teams") -> ParseBatch[SbaTeamRecord]:
    """`GET teams?season=`."""
    return collect_records(payload, "teams", source, parse_sba_team, lambda r: r.id)


def parse_sba_player(raw: object, source: str = "sba.player") -> SbaPlayerRecord | list[ImportProblem]:
    """`GET players/{id}` (or one player of a list or roster); `team` may be nested or an id."""
    reader = FieldReader(raw, source=source, record_id=record_id(raw, "id"))
    team_id, team_reader = reader.foreign_key("team")
    team = None if team_reader is None else _sba_team(team_reader)
    sbaplayer_id, sbaplayer = read_nested(reader, "sbaplayer", SbaPersonRecord)
    injury_rating = reader.optional_str("injury_rating")
    if injury_rating is not None and not INJURY_RATING.match(injury_rating):
        reader.problem("injury_rating", f"expected the #p## format, got {injury_rating!r}", Severity.NOTE)
    positions = reader.positions()
    if not positions:
        reader.problem("pos_1", "is missing")
    record = read_flat(
        reader,
        SbaPlayerRecord,
        team_id=team_id,
        team=team,
        positions=positions,
        injury_rating=injury_rating,
        sbaplayer_id=sbaplayer_id,
        sbaplayer=sbaplayer,
    )
    return dataclasses.replace(record, notes=tuple(reader.problems)) if reader.ok else reader.problems


def parse_sba_players(payload: object, source: str = "sba.players") -> ParseBatch[SbaPlayerRecord]:
    """`GET players?season=&team_id=`."""
    return collect_records(payload, "players", source, parse_sba_player, lambda r: r.id)


def parse_sba_roster(payload: object, team_id: int, source: str = "sba.roster") -> ParseBatch[SbaRosterRecord]:
    """`GET teams/{id}/roster/{current|next}`: one record per section present; bad players are reported."""
    problems: list[ImportProblem] = []
    records: list[SbaRosterRecord] = []
    if not isinstance(payload, Mapping):
        return ParseBatch((), (ImportProblem(source, str(team_id), None, "expected a roster object"),))
    for section in RosterSection:
        if section.value not in payload:
            continue
        reader = FieldReader(payload[section.value], source=source, record_id=str(team_id), prefix=f"{section}.")
        counts = tuple(
            (position, count)
            for position in LeaguePosition
            if (count := reader.optional_int(position.value)) is not None
        )
        players = parse_sba_players(reader.raw.get("players", []), source)
        problems.extend(reader.problems)
        problems.extend(players.problems)
        if reader.ok:
            wara = reader.optional_decimal("WARa")
            records.append(SbaRosterRecord(team_id, section, counts, wara, players.records))
    return ParseBatch(tuple(records), tuple(problems))
