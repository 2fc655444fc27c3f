import threading
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from games import engine
from games.access import SYSTEM
from games.errors import Forbidden, GameOver, IllegalActionError, InvalidLineup, NotFound, VersionConflict
from games.models import AuditEntry, GameAction, GameStatus, Lineup, Play
from games.selectors import LineupEntry, game_replay_check, lineup_suggest
from games.services import (
    ActionResult,
    game_apply_action,
    game_correct_play,
    game_forfeit_by_player,
    game_recompute_state,
    game_set_lineup,
)
from games.setup import build_setup
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body, play_to_end

pytestmark = pytest.mark.django_db
CORRECTION_SEED = 3


def test_ai_against_ai_plays_to_the_end_at_start():
    game = demo_game(home_is_ai=True, away_is_ai=True)
    assert game.status == GameStatus.COMPLETED
    assert game.version == GameAction.objects.filter(game=game).count() > 50
    assert Play.objects.filter(game=game, pa=1).count() >= 51
    assert game_replay_check(game).mismatches == ()


def test_human_against_ai_never_waits_for_the_ai():
    game = demo_game(home_is_ai=True)
    user = manager(game, "away")
    state = game_state(game)
    assert state.actor is engine.Side.AWAY
    game = play_to_end(game, {engine.Side.AWAY: user})
    assert game.status == GameStatus.COMPLETED
    sides = set(GameAction.objects.filter(game=game, source="player").values_list("side", flat=True))
    assert sides == {"away"}
    assert game_replay_check(game).mismatches == ()


def test_manual_league_submits_card_results():
    game = demo_game("sba", away_is_ai=True)
    user = manager(game, "home")
    kinds = set()
    for _ in range(40):
        body = next_body(game)
        kinds.add(body["kind"])
        game_apply_action(
            game_id=game.pk, user=user, action=body, action_id=uuid.uuid4(), expected_version=game.version
        )
    assert "submit_outcome" in kinds
    game.refresh_from_db()
    assert game_replay_check(game).mismatches == ()


def test_repeated_action_id_returns_the_original_and_changes_nothing():
    game = demo_game(home_is_ai=True)
    user = manager(game, "away")
    action_id = uuid.uuid4()
    first = game_apply_action(
        game_id=game.pk, user=user, action=next_body(game), action_id=action_id, expected_version=game.version
    )
    again = game_apply_action(
        game_id=game.pk, user=user, action={"kind": "roll"}, action_id=action_id, expected_version=0
    )
    assert (again.version, again.duplicate) == (first.version, True)
    assert GameAction.objects.filter(game=game, action_id=action_id).count() == 1


def test_refusals_change_nothing(django_user_model):
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    stranger = django_user_model.objects.create_user("stranger")
    version = game.version
    cases = [
        (away, next_body(game), version, Forbidden),  # home fields first
        (stranger, next_body(game), version, Forbidden),
        (home, next_body(game), version + 1, VersionConflict),
        (home, {"kind": "roll"}, version, IllegalActionError),
        (home, {"kind": "defense", "infield": "in"}, version, IllegalActionError),
        (home, {"kind": "nope"}, version, IllegalActionError),
    ]
    for user, body, expected, error in cases:
        with pytest.raises(error):
            game_apply_action(
                game_id=game.pk, user=user, action=body, action_id=uuid.uuid4(), expected_version=expected
            )
    with pytest.raises(NotFound):
        game_apply_action(game_id=uuid.uuid4(), user=home, action={}, action_id=uuid.uuid4(), expected_version=0)
    game.refresh_from_db()
    assert game.version == version
    assert not GameAction.objects.filter(game=game).exists()


def test_version_conflict_carries_the_current_version():
    game = demo_game()
    home = manager(game, "home")
    with pytest.raises(VersionConflict) as info:
        game_apply_action(
            game_id=game.pk, user=home, action=next_body(game), action_id=uuid.uuid4(), expected_version=7
        )
    assert info.value.current_version == game.version


def test_forfeit_ends_the_game_for_the_other_side():
    game = demo_game()
    away = manager(game, "away")
    game_forfeit_by_player(game_id=game.pk, user=away, action_id=uuid.uuid4(), expected_version=game.version)
    game.refresh_from_db()
    assert game.status == GameStatus.FORFEITED
    assert game.forfeit_winner_id == game.home_team_id
    with pytest.raises(GameOver):
        game_apply_action(
            game_id=game.pk, user=away, action={"kind": "roll"}, action_id=uuid.uuid4(), expected_version=game.version
        )


def test_lineup_errors_name_the_slot():
    game = demo_game(start=False)
    team = game.home_team
    entries = lineup_suggest(game=game, team=team)
    broken = [entries[0], LineupEntry(entries[0].player_id, "C", 2, entries[0].card_id), *entries[2:]]
    with pytest.raises(InvalidLineup) as info:
        game_set_lineup(game=game, team=team, user=SYSTEM, entries=broken)
    assert "slot 2" in info.value.errors
    foreign = lineup_suggest(game=game, team=game.away_team)
    with pytest.raises(InvalidLineup) as info:
        game_set_lineup(game=game, team=team, user=SYSTEM, entries=foreign)
    assert any("roster" in message for message in info.value.errors.values())
    outsider = manager(game, "away")
    with pytest.raises(Forbidden):
        game_set_lineup(game=game, team=team, user=outsider, entries=entries)


def _sba_game_with_submitted_walks(monkeypatch, seed):
    """An SBA game of 40 actions on seeded dice, its first submitted WALK, and a commissioner of its league."""
    from leagues.services import commissioner_add

    dice = engine.SeededDice(seed)
    monkeypatch.setattr(engine, "SystemDice", lambda: dice)
    game = demo_game("sba")
    user = manager(game, "home")
    game.away_team.managers.add(user)
    for index in range(40):
        body = next_body(game)
        if body["kind"] == "submit_outcome":
            body = {"kind": "submit_outcome", "outcome": "WALK" if index % 3 else "STRIKEOUT"}
        game_apply_action(
            game_id=game.pk, user=user, action=body, action_id=uuid.uuid4(), expected_version=game.version
        )
    walk = GameAction.objects.filter(game=game, body__outcome="WALK").order_by("version").first()
    commissioner = manager(game, "away", "commish")
    commissioner_add(user=commissioner, league=game.league)
    return game, walk, commissioner


def test_commissioner_corrects_a_submitted_result_and_the_game_replays(monkeypatch):
    game, walk, commissioner = _sba_game_with_submitted_walks(monkeypatch, seed=2)
    game_correct_play(game_id=game.pk, user=commissioner, version=walk.version, outcome="STRIKEOUT", reason="misread")
    game.refresh_from_db()
    assert GameAction.objects.get(game=game, version=walk.version).body["outcome"] == "STRIKEOUT"
    assert game_replay_check(game).mismatches == ()
    assert AuditEntry.objects.filter(game=game, action="correct").exists()
    report = game_recompute_state(game_id=game.pk, user=commissioner)
    assert report.mismatches == ()


def test_a_correction_the_rest_of_the_game_cannot_follow_is_refused_and_changes_nothing(monkeypatch):
    game, walk, commissioner = _sba_game_with_submitted_walks(monkeypatch, seed=4)
    game.refresh_from_db()
    version, state = game.version, game.state
    with pytest.raises(IllegalActionError, match="does not fit the rest of the game"):
        game_correct_play(
            game_id=game.pk, user=commissioner, version=walk.version, outcome="STRIKEOUT", reason="misread"
        )
    game.refresh_from_db()
    assert (game.version, game.state) == (version, state)
    assert GameAction.objects.get(game=game, version=walk.version).body["outcome"] == "WALK"
    assert not AuditEntry.objects.filter(game=game, action="correct").exists()


@pytest.mark.django_db(transaction=True)
def test_same_action_from_two_threads_applies_once():
    game = demo_game(home_is_ai=True)
    user = manager(game, "away")
    body, version = next_body(game), game.version
    outcomes: list[ActionResult | VersionConflict] = []

    def send(action_id):
        try:
            outcomes.append(
                game_apply_action(
                    game_id=game.pk, user=user, action=body, action_id=action_id, expected_version=version
                )
            )
        except VersionConflict as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(uuid.uuid4(),)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(1 for o in outcomes if isinstance(o, VersionConflict)) == 1
    # one offensive decision (and the roll that follows it in the same call)
    assert GameAction.objects.filter(game=game, source="player", body__kind=body["kind"]).count() == 1

    shared_id = uuid.uuid4()
    game.refresh_from_db()
    body, version, outcomes[:] = next_body(game), game.version, []
    threads = [threading.Thread(target=send, args=(shared_id,)) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert GameAction.objects.filter(game=game, action_id=shared_id).count() == 1
    assert all(not isinstance(o, VersionConflict) for o in outcomes)
    assert len({o.version for o in outcomes if isinstance(o, ActionResult)}) == 1


def test_an_action_id_reused_at_a_later_version_returns_the_original_and_changes_nothing():
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    action_id = uuid.uuid4()
    first = game_apply_action(
        game_id=game.pk, user=home, action=next_body(game), action_id=action_id, expected_version=game.version
    )
    game.refresh_from_db()
    user = home if game_state(game).actor is engine.Side.HOME else away
    again = game_apply_action(
        game_id=game.pk, user=user, action=next_body(game), action_id=action_id, expected_version=game.version
    )
    assert (again.version, again.duplicate) == (first.version, True)
    game.refresh_from_db()
    assert game.version == first.version
    assert GameAction.objects.filter(game=game).count() == first.version


def test_an_action_takes_one_locking_query_and_its_writes():
    game = demo_game()
    home = manager(game, "home")
    body = next_body(game)
    game_apply_action(game_id=game.pk, user=home, action=body, action_id=uuid.uuid4(), expected_version=game.version)
    game.refresh_from_db()
    away = manager(game, "away")
    user = home if game_state(game).actor is engine.Side.HOME else away
    body = next_body(game)
    with CaptureQueriesContext(connection) as queries:
        game_apply_action(
            game_id=game.pk, user=user, action=body, action_id=uuid.uuid4(), expected_version=game.version
        )
    sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    statements = [text.split()[0] for text in sql]
    # The game locked with its lineup fingerprint, teams, stored setup and the user's managed sides joined; then
    # only writes: no duplicate lookup, no re-reads of rows just written, no authorization queries of their own.
    assert statements[0] == "SELECT"
    assert sql[0].endswith("FOR UPDATE OF g")  # the game row only, not its league or teams
    # The writes in one statement: the GameAction (and Play) inserts, the game's update and its session's (the
    # `pending` every recipient's event carries takes the deadline just written, not a read of it).
    assert statements[1:] == ["WITH"]
    writes = sql[1]
    assert writes.count('INSERT INTO "games_gameaction"') == 1
    assert writes.count('UPDATE "games_game" SET') == 1
    assert writes.count('UPDATE "games_gamesession" SET') == 1
    assert writes.count('INSERT INTO "games_play"') in (0, 1)


def _reserves(game, side):
    team = game.home_team if side == "home" else game.away_team
    return list(Lineup.objects.filter(game=game, team=team, is_starter=False))


def test_a_pinch_hitter_and_a_pitching_change_are_played_live_and_replay():
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    state = game_state(game)
    hitter = next(row for row in _reserves(game, "away") if row.position != "P")
    pitcher = next(row for row in _reserves(game, "home") if row.position == "P")
    batter, starter = state.batter, state.pitcher
    setup_before = build_setup(game)
    assert state.phase is engine.Phase.DEFENSE
    result = game_apply_action(
        game_id=game.pk,
        user=away,
        action={"kind": "substitute", "side": "away", "player_out": batter, "player_in": str(hitter.pk)},
        action_id=uuid.uuid4(),
        expected_version=game.version,
    )
    result = game_apply_action(
        game_id=game.pk,
        user=home,
        action={"kind": "pitching_change", "side": "home", "pitcher": str(pitcher.pk)},
        action_id=uuid.uuid4(),
        expected_version=result.version,
    )
    game.refresh_from_db()
    state = game_state(game)
    assert game.version == result.version
    assert state.batter == str(hitter.pk)
    assert state.pitcher == str(pitcher.pk)
    assert batter in state.away.removed
    notices = [event["kind"] for row in GameAction.objects.filter(game=game) for event in row.events]
    assert notices[-2:] == ["substitution", "pitching_change"]
    stints = {row.pk: row for row in Lineup.objects.filter(game=game)}
    entered = stints[hitter.pk], stints[pitcher.pk]
    assert [(row.is_active, row.replacing_id, row.after_play, row.entered_inning) for row in entered] == [
        (True, int(batter), state.plays, state.inning),
        (True, int(starter), state.plays, state.inning),
    ]
    assert (stints[int(batter)].is_active, stints[int(starter)].is_active) == (False, False)
    after = build_setup(game)  # the stints never change the teams the setup (and so replay) is built from
    assert (after.away, after.home, sorted(after.players)) == (
        setup_before.away,
        setup_before.home,
        sorted(setup_before.players),
    )
    game = play_to_end(game, {engine.Side.HOME: home, engine.Side.AWAY: away})
    plays = Play.objects.filter(game=game)
    assert plays.filter(batter_id=hitter.pk).exists()
    assert plays.filter(pitcher_id=pitcher.pk).exists()
    assert game_replay_check(game).mismatches == ()


def test_a_starter_cannot_come_back_and_a_stranger_to_the_roster_is_refused():
    game = demo_game()
    away = manager(game, "away")
    state = game_state(game)
    batter = state.batter
    hitter = next(row for row in _reserves(game, "away") if row.position != "P")
    home_reserve = _reserves(game, "home")[0]
    version = game.version
    with pytest.raises(IllegalActionError):
        game_apply_action(
            game_id=game.pk,
            user=away,
            action={"kind": "substitute", "side": "away", "player_out": batter, "player_in": str(home_reserve.pk)},
            action_id=uuid.uuid4(),
            expected_version=version,
        )
    version = game_apply_action(
        game_id=game.pk,
        user=away,
        action={"kind": "substitute", "side": "away", "player_out": batter, "player_in": str(hitter.pk)},
        action_id=uuid.uuid4(),
        expected_version=version,
    ).version
    with pytest.raises(IllegalActionError, match="cannot return"):
        game_apply_action(
            game_id=game.pk,
            user=away,
            action={"kind": "substitute", "side": "away", "player_out": str(hitter.pk), "player_in": batter},
            action_id=uuid.uuid4(),
            expected_version=version,
        )
