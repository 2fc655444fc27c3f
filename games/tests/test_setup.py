import dataclasses
import uuid

import pytest

from games import engine
from games.access import SYSTEM
from games.models import Game, Lineup, RosterLink
from games.selectors import lineup_suggest
from games.services import game_apply_action, game_set_lineup
from games.setup import build_setup, game_setup, with_lineup_fingerprint
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager
from leagues.models import League
from players.models import Card

pytestmark = pytest.mark.django_db


def _rows(game, team, **filters):
    return list(Lineup.objects.filter(game=game, team=team, **filters).select_related("card", "player"))


def test_setting_a_lineup_makes_the_rest_of_the_roster_inactive_reserves():
    game = demo_game(start=False)
    for team in (game.away_team, game.home_team):
        starters = _rows(game, team, is_starter=True)
        reserves = _rows(game, team, is_starter=False)
        rostered = set(RosterLink.objects.filter(game=game, team=team).values_list("card__player_id", flat=True))
        assert len(starters) == 10
        assert {r.player_id for r in reserves} == rostered - {r.player_id for r in starters}
        assert all(r.batting_order is None and not r.is_active for r in reserves)
        assert {r.position == "P" for r in reserves} == {True, False}
        assert all((r.position == "P") == bool(r.card.throw_hand) for r in reserves)


def test_setting_a_lineup_again_replaces_its_reserves():
    game = demo_game(start=False)
    team = game.away_team
    before = len(_rows(game, team))
    game_set_lineup(game=game, team=team, user=SYSTEM, entries=lineup_suggest(game=game, team=team), start=False)
    assert len(_rows(game, team)) == before
    assert len({r.player_id for r in _rows(game, team)}) == before


def test_the_setup_offers_reserves_as_bench_and_bullpen():
    game = demo_game(start=False)
    setup = build_setup(game)
    for side, team in ((engine.Side.AWAY, game.away_team), (engine.Side.HOME, game.home_team)):
        reserves = _rows(game, team, is_starter=False)
        team_setup = setup.team(side)
        assert set(team_setup.bench) == {str(r.pk) for r in reserves if r.position != "P"}
        assert set(team_setup.bullpen) == {str(r.pk) for r in reserves if r.position == "P"}


@pytest.mark.parametrize("allowed", [True, False])
def test_the_league_out_of_position_option_reaches_the_engine(allowed):
    game = demo_game(start=False)
    League.objects.filter(pk=game.league_id).update(out_of_position=allowed)
    setup = build_setup(Game.objects.select_related("league").get(pk=game.pk))
    assert setup.options.out_of_position is allowed


def test_an_automatic_league_leaves_out_reserves_without_the_card_they_would_need():
    game = demo_game(start=False)
    reliever = next(r for r in _rows(game, game.home_team, is_starter=False) if r.position == "P")
    hitter = next(r for r in _rows(game, game.home_team, is_starter=False) if r.position != "P")
    reliever.card.pitching_ratings.all().delete()
    hitter.card.batting_ratings.all().delete()
    setup = build_setup(game)
    assert str(reliever.pk) not in setup.home.bullpen
    assert str(hitter.pk) not in setup.home.bench
    assert setup.home.bullpen
    assert setup.home.bench


def test_a_manual_league_gets_the_team_players_as_reserves():
    game = demo_game("sba", start=False)
    for team in (game.away_team, game.home_team):
        reserves = _rows(game, team, is_starter=False)
        players = set(Card.objects.filter(player__team=team).values_list("player_id", flat=True))
        starters = {r.player_id for r in _rows(game, team, is_starter=True)}
        assert {r.player_id for r in reserves} == players - starters
    setup = build_setup(game)
    assert setup.away.bench
    assert setup.away.bullpen


def test_the_fingerprint_joined_to_the_game_row_finds_a_lineup_change(django_assert_num_queries):
    game = demo_game()
    annotated = with_lineup_fingerprint(type(game).objects.all()).get(pk=game.pk)
    setup = game_setup(annotated)
    with django_assert_num_queries(0):
        assert game_setup(annotated) is setup
    Lineup.objects.filter(pk=int(setup.home.bench[0])).delete()
    changed = with_lineup_fingerprint(type(game).objects.all()).get(pk=game.pk)
    assert game_setup(changed) is not setup
    assert len(game_setup(changed).home.bench) == len(setup.home.bench) - 1


def test_a_bench_player_comes_in_for_the_batter_in_a_manual_league():
    game = demo_game("sba")
    away = manager(game, "away")
    state = game_state(game)
    hitter = game_setup(game).away.bench[0]
    result = game_apply_action(
        game_id=game.pk,
        user=away,
        action={"kind": "substitute", "side": "away", "player_out": state.batter, "player_in": hitter},
        action_id=uuid.uuid4(),
        expected_version=game.version,
    )
    game.refresh_from_db()
    assert result.version == game.version
    assert game_state(game).batter == hitter


def _straightforward_player(row):
    """The player as the model instances read them, one engine card per call (no memo): the reference the tuple
    reads of `build_setup` must match."""
    card = row.card
    if card is None:
        return engine.Player(str(row.pk), row.player.name)

    def chances(rows, hand):
        for rating in rows:
            if rating.vs_hand == hand:
                return {name: float(value) for name, value in rating.chances().items()}
        return None

    batting = pitching = None
    rows = list(card.batting_ratings.all())
    vs_left, vs_right = chances(rows, "L"), chances(rows, "R")
    if vs_left is not None or vs_right is not None:
        fields = {
            "hand": card.bat_hand or "R",
            "running": card.running if card.running is not None else 12,
            "steal_auto": card.steal_auto,
            "steal_jump": float(card.steal_jump or 0),
            "steal_high": card.steal_high or 0,
            "steal_low": card.steal_low or 0,
            "bunting": card.bunting or "C",
            "hit_and_run": card.hit_and_run or "C",
        }
        batting = engine.BatterCard.from_fields(fields, vs_left or vs_right or {}, vs_right)
    rows = list(card.pitching_ratings.all())
    vs_left, vs_right = chances(rows, "L"), chances(rows, "R")
    if card.throw_hand and (vs_left is not None or vs_right is not None):
        fields = {
            "hand": card.throw_hand,
            "hold": card.hold or 0,
            "balk": card.balk or 0,
            "wild_pitch": card.wild_pitch or 0,
            "starter_rating": card.starter_rating,
            "relief_rating": card.relief_rating,
            "closer_rating": card.closer_rating,
        }
        pitching = engine.PitcherCard.from_fields(fields, vs_left or vs_right or {}, vs_right)
    fielding = {
        engine.Position(rating.position): engine.FielderRating(
            range=rating.range,
            error=rating.error,
            arm=rating.arm or 0,
            passed_ball=rating.passed_ball or 0,
            throwing=rating.throwing or 0,
        )
        for rating in card.positions.all()
        if rating.position != "DH"
    }
    return engine.Player(
        str(row.pk),
        row.player.name,
        batting=batting,
        pitching=pitching,
        fielding=fielding,
        bats=engine.Hand(card.bat_hand) if card.bat_hand else None,
        throws=engine.Hand(card.throw_hand) if card.throw_hand else None,
    )


def _straightforward_team(name, rows, players, auto):
    starters = sorted((r for r in rows if r.is_starter and r.batting_order), key=lambda r: r.batting_order or 0)
    pitcher = next(r for r in rows if r.is_starter and r.position == "P")
    reserves = [r for r in rows if not r.is_starter]
    return engine.TeamSetup(
        name=name,
        lineup=tuple(engine.LineupSlot(str(r.pk), engine.Position(r.position)) for r in starters),
        pitcher=str(pitcher.pk),
        bench=tuple(
            str(r.pk) for r in reserves if r.position != "P" and (not auto or players[str(r.pk)].batting is not None)
        ),
        bullpen=tuple(
            str(r.pk) for r in reserves if r.position == "P" and (not auto or players[str(r.pk)].pitching is not None)
        ),
    )


def _straightforward_setup(game):
    rows = list(
        Lineup.objects.filter(game=game)
        .select_related("player", "card")
        .prefetch_related("card__batting_ratings", "card__pitching_ratings", "card__positions")
        .order_by("id")
    )
    options = build_setup(game).options
    players = {str(r.pk): _straightforward_player(r) for r in rows}
    auto = options.resolution is engine.ResolutionMode.AUTO
    away = [r for r in rows if r.team_id == game.away_team_id]
    home = [r for r in rows if r.team_id == game.home_team_id]
    return engine.GameSetup(
        options=options,
        away=_straightforward_team(game.away_team.abbreviation, away, players, auto),
        home=_straightforward_team(game.home_team.abbreviation, home, players, auto),
        players=players,
    )


def _assert_same_setup(fast, reference):
    """Field by field (`GameSetup` and `Player` compare by identity); cards compare by value, fatigued tables too."""
    assert (fast.options, fast.away, fast.home) == (reference.options, reference.away, reference.home)
    assert list(fast.players) == list(reference.players)
    for key, player in reference.players.items():
        built = fast.players[key]
        for field in dataclasses.fields(player):
            assert getattr(built, field.name) == getattr(player, field.name), (key, field.name)
        assert list(built.fielding) == list(player.fielding)
        for card, expected in ((built.batting, player.batting), (built.pitching, player.pitching)):
            if expected is not None:
                for split, want in ((card.vs_left, expected.vs_left), (card.vs_right, expected.vs_right)):
                    assert split.fatigued == want.fatigued


@pytest.mark.parametrize("code", ["pd", "sba"])
def test_the_setup_read_as_tuples_equals_a_straightforward_build_from_the_models(code):
    game = demo_game(code)
    setup = build_setup(game)
    assert any(p.batting for p in setup.players.values())
    assert any(p.pitching for p in setup.players.values())
    assert any(p.fielding for p in setup.players.values())
    _assert_same_setup(setup, _straightforward_setup(game))
    _assert_same_setup(build_setup(game), setup)  # engine cards from the process memo


def test_the_tuple_reads_keep_one_sided_all_zero_and_missing_ratings_as_the_models_do():
    game = demo_game(start=False)
    rows = _rows(game, game.home_team)
    batter = next(r for r in rows if not r.card.throw_hand)
    pitcher = next(r for r in rows if r.card.throw_hand)
    batter.card.batting_ratings.filter(vs_hand="R").delete()
    pitcher.card.pitching_ratings.filter(vs_hand="L").delete()
    pitcher.card.pitching_ratings.update(popout=None, lineout=None)
    _assert_same_setup(build_setup(game), _straightforward_setup(game))
    zeroed = batter.card.batting_ratings.get()
    for name in zeroed.chances():
        setattr(zeroed, name, 0)
    zeroed.save()
    with pytest.raises(ValueError, match="sum to 0"):
        build_setup(game)
    with pytest.raises(ValueError, match="sum to 0"):
        _straightforward_setup(game)


def _same_setup(one, other):
    """Setups compare field by field (a Player is compared by identity): options, teams, and every player's
    fields, their cards' chances and both outcome tables included."""
    assert (one.options, one.away, one.home) == (other.options, other.away, other.home)
    assert one.players.keys() == other.players.keys()
    for key, player in one.players.items():
        assert [getattr(player, f.name) for f in dataclasses.fields(player)] == [
            getattr(other.players[key], f.name) for f in dataclasses.fields(player)
        ]


def _cold():
    from games import setup, snapshot

    setup._CACHE.clear()
    setup._CARDS.clear()
    snapshot._STATES.clear()


@pytest.mark.parametrize("league", ["pd", "sba"])
def test_a_started_game_stores_its_setup_and_a_cold_worker_serves_it_in_one_read(
    league, monkeypatch, django_assert_num_queries
):
    from django.db import transaction

    from games.models import StoredSetup
    from games.services.locking import locked_game
    from games.setup import setup_key

    game = demo_game(league)
    stored = StoredSetup.objects.get(game=game)
    assert stored.key == setup_key(with_lineup_fingerprint(type(game).objects.all()).get(pk=game.pk))
    built = build_setup(game)
    _cold()
    monkeypatch.setattr("games.setup.build_setup", lambda game: pytest.fail("the setup was built from the rows"))
    with transaction.atomic(), django_assert_num_queries(1):
        row = locked_game(game.pk)
        setup = game_setup(row)
        game_state(row)
    _same_setup(setup, built)
    # Held in memory now: the locking statement leaves the stored data out and the setup is the same object.
    with transaction.atomic(), django_assert_num_queries(1):
        row = locked_game(game.pk)
        assert getattr(row, "stored_setup_data") is None  # noqa: B009 - set by locked_game
        assert game_setup(row) is setup


def test_a_worker_without_the_setup_in_memory_shares_the_stored_cards_between_games():
    from games.services.locking import locked_game

    first, second = demo_game(), demo_game()
    _cold()
    one, two = game_setup(locked_game(first.pk)), game_setup(locked_game(second.pk))
    shared = {id(p.batting) for p in one.players.values()} & {id(p.batting) for p in two.players.values()}
    assert shared - {id(None)}


def test_a_lineup_change_makes_the_stored_setup_stale_and_the_next_action_rewrites_it(monkeypatch):
    from games.models import StoredSetup
    from games.services.locking import locked_game

    game = demo_game()
    before = StoredSetup.objects.get(game=game)
    Lineup.objects.filter(pk=int(build_setup(game).home.bench[0])).delete()
    _cold()
    row = locked_game(game.pk)
    assert getattr(row, "stored_setup_key") == before.key  # noqa: B009 - set by locked_game
    changed = game_setup(row)  # built from the rows: the stored one is for the old lineups
    assert len(changed.home.bench) == len(build_setup(game).home.bench)
    user = manager(game, "home") if game_state(game).actor is engine.Side.HOME else manager(game, "away")
    from games.tests.live_helpers import next_body

    game_apply_action(
        game_id=game.pk, user=user, action=next_body(game), action_id=uuid.uuid4(), expected_version=game.version
    )
    after = StoredSetup.objects.get(game=game)
    assert after.key != before.key
    _cold()
    _same_setup(game_setup(locked_game(game.pk)), build_setup(game))


def test_a_malformed_stored_setup_is_built_from_the_rows_and_rewritten():
    from games.models import StoredSetup
    from games.services.locking import locked_game
    from games.tests.live_helpers import next_body

    game = demo_game()
    StoredSetup.objects.filter(game=game).update(data={"format": 1, "players": "nonsense"})
    _cold()
    _same_setup(game_setup(locked_game(game.pk)), build_setup(game))
    user = manager(game, "home") if game_state(game).actor is engine.Side.HOME else manager(game, "away")
    game_apply_action(
        game_id=game.pk, user=user, action=next_body(game), action_id=uuid.uuid4(), expected_version=game.version
    )
    assert StoredSetup.objects.get(game=game).data["players"] != "nonsense"
