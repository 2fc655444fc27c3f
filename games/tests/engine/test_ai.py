"""The AI manager: every choice is legal and explained; personalities differ; better cards win."""

import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from games.engine.actions import (
    Action,
    Decide,
    DefenseDecision,
    Forfeit,
    IllegalAction,
    OffenseDecision,
    PitchingChange,
    Roll,
    SubmitOutcome,
    Substitute,
)
from games.engine.ai import AiChoice, LineupChoice, Personality, ai_chooser, choose_action, choose_lineup
from games.engine.cards import BatterCard, PitcherCard
from games.engine.dice import SeededDice
from games.engine.enums import Base, Half, Hand, InfieldDepth, Phase, Position, Side
from games.engine.game import apply, defaults_for
from games.engine.options import RuleOptions
from games.engine.scenarios import AVERAGE_BATTER, AVERAGE_PITCHER, AVERAGE_RUNNER, demo_setup
from games.engine.simulation import play_game
from games.engine.state import GameSetup, GameState, Player, TeamSetup, new_game
from games.engine.steal import steal_odds
from games.simulation import league_options, sim_league, simulate_league
from games.tests.engine.test_properties import random_action, random_change

PERSONALITIES = list(Personality)
STATES_PER_GAME = 250
GAMES = 40  # 40 x 250 = 10,000 sampled states


def _demo_league_setup(game: int, options: RuleOptions) -> GameSetup:
    league = sim_league("pd")
    away, home = league.pairing(game)
    away_plan, home_plan = league.teams[away], league.teams[home]
    return GameSetup(
        replace(options, park=home_plan.park), away_plan.setup(game), home_plan.setup(game), league.players
    )


def _setup(kind: int, game: int) -> GameSetup:
    if kind == 0:
        return _demo_league_setup(game, league_options("pd"))
    if kind == 1:
        return demo_setup(RuleOptions(dh=False, innings=9))
    return demo_setup(RuleOptions.sba())


def _random_step(setup: GameSetup, state: GameState, rng: random.Random) -> Action:
    change = random_change(setup, state, rng)
    if change is not None:
        return change
    if state.phase is Phase.SUBMIT_OUTCOME or rng.random() < 0.5:
        return choose_action(setup, state, _actor(state), rng.choice(PERSONALITIES)).action
    return random_action(state, rng)


def _actor(state: GameState) -> Side:
    assert state.actor is not None, "the game is over"
    return state.actor


def _defense(choice: AiChoice) -> DefenseDecision:
    assert isinstance(choice.action, DefenseDecision)
    return choice.action


def _offense(choice: AiChoice) -> OffenseDecision:
    assert isinstance(choice.action, OffenseDecision)
    return choice.action


def _check_choice(choice: AiChoice | LineupChoice) -> None:
    assert choice.reason.strip()
    assert "\n" not in choice.reason
    assert len(choice.reason) <= 120


@settings(max_examples=GAMES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), kind=st.integers(0, 2))
def test_every_ai_choice_is_legal_in_random_states(seed, kind):
    rng = random.Random(seed)
    setup = _setup(kind, seed % 40)
    state, dice, probe = new_game(setup), SeededDice(seed), SeededDice(seed + 1)
    sampled = 0
    while sampled < STATES_PER_GAME:
        if state.phase is Phase.GAME_OVER:
            state = new_game(setup)
        choice = choose_action(setup, state, _actor(state), PERSONALITIES[sampled % 3])
        _check_choice(choice)
        apply(setup, state, choice.action, probe)
        sampled += 1
        action = _random_step(setup, state, rng)
        try:
            state = apply(setup, state, action, dice).state
        except IllegalAction:
            state = apply(setup, state, defaults_for(state), dice).state


def test_choose_action_refuses_the_wrong_side_and_finished_games():
    setup = demo_setup()
    state = new_game(setup)
    with pytest.raises(ValueError, match="waits for the home side"):
        choose_action(setup, state, Side.AWAY)
    over = apply(setup, state, Forfeit(Side.AWAY), SeededDice(1)).state
    with pytest.raises(ValueError, match="over"):
        choose_action(setup, over, Side.HOME)


def _league_run(personality: Personality, games: int = 150, seed: int = 5):
    return simulate_league("pd", games, seed, home_ai=personality, away_ai=personality).managing()


@pytest.mark.slow
def test_yolo_steals_and_sends_more_than_safe():
    yolo, safe = _league_run(Personality.YOLO), _league_run(Personality.SAFE)
    assert yolo["steal_attempts"] > 3 * safe["steal_attempts"]
    assert yolo["sends"] > 2 * safe["sends"]
    assert yolo["pitching_changes"] < safe["pitching_changes"]
    assert yolo["sacrifice_bunts"] < safe["sacrifice_bunts"]


def _boosted_setup() -> GameSetup:
    """Home batters trade 20 outs for 10 singles and 10 home runs; home pitchers trade 12 singles and walks for
    strikeouts."""
    batter = dict(AVERAGE_BATTER)
    batter["strikeout"] -= 12
    batter["groundout_b"] -= 8
    batter["single_one"] += 10
    batter["homerun"] += 10
    pitcher = dict(AVERAGE_PITCHER)
    for name, amount in (("single_one", 5.0), ("single_two", 3.0), ("walk", 4.0)):
        pitcher[name] -= amount
        pitcher["strikeout"] += amount
    bat = BatterCard.from_fields(AVERAGE_RUNNER, batter)
    pit = PitcherCard.from_fields({"hand": "R"}, pitcher)
    base = demo_setup()
    players = {}
    for pid in [*(f"h{i}" for i in range(1, 10)), "hb1", "hb2"]:
        players[pid] = Player(pid, f"Home {pid}", batting=bat)
    for pid in ["hp", "hr1", "hr2", "hr3"]:
        players[pid] = Player(pid, f"Home {pid}", batting=bat, pitching=pit)
    return demo_setup(base.options, players)


@pytest.mark.slow
def test_better_cards_win_a_clear_majority():
    """1,000 seeded games: a .5 coin would give 500 ± 16; the better team must win 70 %."""
    setup = _boosted_setup()
    dice = SeededDice(17)
    chooser = ai_chooser(Personality.BALANCED, Personality.BALANCED)
    wins = sum(play_game(setup, dice, chooser=chooser).winner is Side.HOME for _ in range(1000))
    assert wins >= 700


# -- decision paths -------------------------------------------------------------------------------------------


def _card(**changes: float) -> dict[str, float]:
    card = dict(AVERAGE_BATTER)
    for name, amount in changes.items():
        card[name] = card.get(name, 0) + amount
        card["strikeout"] -= amount
    return card


def _at(setup: GameSetup, **changes) -> GameState:
    return replace(new_game(setup), **changes)


def test_intentional_walk_when_the_batter_is_much_better_than_on_deck():
    star = Player("a4", "Star", batting=BatterCard.from_fields(AVERAGE_RUNNER, _card(homerun=8, walk=8)))
    weak = Player("a5", "Weak", batting=BatterCard.from_fields(AVERAGE_RUNNER, _card(strikeout=0, walk=-6)))
    setup = demo_setup(players={"a4": star, "a5": weak})
    state = _at(setup, away=replace(new_game(setup).away, batter_index=3), bases=(None, "a2", None), outs=1)
    choice = choose_action(setup, state, Side.HOME)
    assert choice.action == DefenseDecision(intentional_walk=True)
    assert choice.reason.startswith("IBB: open base, ")
    assert apply(setup, state, choice.action, SeededDice(1)).state.bases_code == "12-"


def test_infield_in_late_with_the_tying_run_on_third():
    setup = demo_setup()
    state = _at(setup, inning=8, bases=(None, None, "a3"), outs=1, score=(2, 3))
    choice = choose_action(setup, state, Side.HOME)
    assert isinstance(choice.action, DefenseDecision)
    assert choice.action.infield is InfieldDepth.IN
    early = _at(setup, inning=2, bases=(None, None, "a3"), outs=1, score=(2, 3))
    assert _defense(choose_action(setup, early, Side.HOME)).infield is InfieldDepth.NORMAL


def _fast_runner(pid: str) -> Player:
    fields = {**AVERAGE_RUNNER, "running": 17, "steal_auto": True, "steal_jump": 0.75, "steal_high": 17}
    return Player(pid, "Speedy", batting=BatterCard.from_fields(fields, AVERAGE_BATTER))


def test_fast_runner_steals_and_is_held():
    setup = demo_setup(players={"a1": _fast_runner("a1")})
    state = _at(
        setup,
        bases=("a1", None, None),
        phase=Phase.DEFENSE,
        inning=3,
        away=replace(new_game(setup).away, batter_index=1),
    )
    defense = choose_action(setup, state, Side.HOME)
    assert _defense(defense).hold == (Base.FIRST,)
    assert "hold R1" in defense.reason
    state = apply(setup, state, DefenseDecision(), SeededDice(1)).state
    offense = choose_action(setup, state, Side.AWAY, Personality.BALANCED)
    assert offense.action == OffenseDecision(steal=(Base.FIRST,))
    assert offense.reason.startswith("steal: R1")
    odds = steal_odds(setup, state, "a1", Base.FIRST, held=False)
    assert odds.lead == 1.0
    assert odds.safe > 0.75


def test_slow_runner_does_not_steal_and_safe_steals_less():
    setup = demo_setup()
    state = _at(setup, bases=("a1", None, None), phase=Phase.OFFENSE, inning=3)
    for personality in (Personality.BALANCED, Personality.SAFE):
        assert _offense(choose_action(setup, state, Side.AWAY, personality)).steal == ()


def test_weak_hitter_bunts_late_in_a_close_game_but_yolo_swings():
    weak = BatterCard.from_fields({**AVERAGE_RUNNER, "bunting": "A"}, _card(strikeout=0, walk=-6, single_one=-4))
    setup = demo_setup(players={"a9": Player("a9", "Weak", batting=weak)})
    away = replace(new_game(setup).away, batter_index=8)
    state = _at(setup, inning=8, bases=("a8", None, None), outs=0, score=(2, 2), phase=Phase.OFFENSE, away=away)
    choice = choose_action(setup, state, Side.AWAY, Personality.BALANCED)
    assert choice.action == OffenseDecision(bunt=True)
    assert "sacrifice bunt" in choice.reason
    assert _offense(choose_action(setup, state, Side.AWAY, Personality.YOLO)).bunt is False
    corners = choose_action(setup, replace(state, phase=Phase.DEFENSE), Side.HOME)
    assert _defense(corners).infield is InfieldDepth.CORNERS_IN


def test_tired_starter_is_relieved_and_yolo_waits_longer():
    setup = demo_setup()
    home = replace(new_game(setup).home, pitcher_batters_faced=26)
    state = _at(setup, inning=7, home=home)
    choice = choose_action(setup, state, Side.HOME, Personality.BALANCED)
    assert isinstance(choice.action, PitchingChange)
    assert "starter tired" in choice.reason
    assert isinstance(choose_action(setup, state, Side.HOME, Personality.YOLO).action, DefenseDecision)
    after = apply(setup, state, choice.action, SeededDice(1)).state
    assert isinstance(choose_action(setup, after, Side.HOME).action, DefenseDecision)


def test_pinch_hitter_for_a_weak_batter_late():
    weak = BatterCard.from_fields(AVERAGE_RUNNER, _card(strikeout=0, walk=-6, single_one=-4, homerun=-2))
    strong = BatterCard.from_fields(AVERAGE_RUNNER, _card(homerun=5, walk=5))
    players = {"a9": Player("a9", "Weak", batting=weak), "ab1": Player("ab1", "Bat", batting=strong)}
    setup = demo_setup(players=players)
    away = replace(new_game(setup).away, batter_index=8)
    state = _at(setup, inning=8, score=(1, 2), phase=Phase.OFFENSE, away=away)
    assert away.lineup[8].position is Position.DH
    choice = choose_action(setup, state, Side.AWAY)
    assert choice.action == Substitute(Side.AWAY, "a9", "ab1")
    assert choice.reason.startswith("pinch hitter Bat for Weak")
    early = replace(state, inning=2)
    assert not isinstance(choose_action(setup, early, Side.AWAY).action, Substitute)


def test_running_answers_and_manual_submissions_are_explained():
    setup = demo_setup(RuleOptions.sba())
    state, dice = new_game(setup), SeededDice(4)
    kinds = set()
    while not state.game_over:
        choice = choose_action(setup, state, _actor(state))
        kinds.add(type(choice.action))
        if isinstance(choice.action, SubmitOutcome):
            assert choice.reason.startswith("the card reads ")
        state = apply(setup, state, choice.action, dice).state
    assert {SubmitOutcome, Roll, DefenseDecision, OffenseDecision} <= kinds
    assert Decide in kinds


def test_choose_lineup_makes_a_valid_nine_for_each_hand():
    league = sim_league("pd")
    team = league.teams[0]
    hitters = [league.players[pid] for pid, _ in team.order if pid] + [league.players[pid] for pid in team.bench]
    for hand in (Hand.LEFT, Hand.RIGHT, None):
        choice = choose_lineup(hitters, league.options, hand)
        setup_team = TeamSetup("T", choice.lineup, team.rotation[0], (), ())
        GameSetup(league.options, setup_team, setup_team, league.players)
        _check_choice(choice)
    no_dh = RuleOptions(dh=False)
    choice = choose_lineup(hitters, no_dh, Hand.RIGHT, pitcher=team.rotation[0])
    assert choice.lineup[-1].position is Position.P
    with pytest.raises(ValueError, match="needs 9"):
        choose_lineup(hitters[:5], league.options)


def test_steal_odds_follow_the_rules():
    setup = demo_setup(players={"a1": _fast_runner("a1")})
    state = _at(setup, bases=("a1", None, None))
    held = steal_odds(setup, state, "a1", Base.FIRST, held=True)
    free = steal_odds(setup, state, "a1", Base.FIRST, held=False)
    assert held.lead == pytest.approx(27 / 36)
    assert free.lead == 1.0
    assert free.safe + free.out + free.balk + free.off == pytest.approx(1.0)
    assert _at(setup).half is Half.TOP


def _simulate(*args: str) -> str:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("simulate", *args, stdout=out)
    return out.getvalue()


def test_simulate_command_takes_personalities_and_reports_managing_per_game():
    import json

    summary = json.loads(_simulate("--games", "4", "--seed", "2", "--home-ai", "yolo", "--away-ai", "safe", "--json"))
    assert summary["home_ai"] == "yolo"
    assert summary["away_ai"] == "safe"
    for name in ("steals", "caught_stealing", "sacrifice_bunts", "intentional_walks", "pitching_changes"):
        assert summary[name] >= 0
    assert {"games", "plate_appearances", "seconds", "runs_per_team_game"} <= set(summary)
    plain = json.loads(_simulate("--games", "2", "--home-ai", "defaults", "--away-ai", "defaults", "--json"))
    assert "steals" not in plain
    assert "managers: home balanced, away balanced" in _simulate("--games", "1")


def test_pinch_runner_for_a_slow_tying_run_in_the_ninth():
    slow = BatterCard.from_fields({**AVERAGE_RUNNER, "running": 8}, AVERAGE_BATTER)
    fast = BatterCard.from_fields({**AVERAGE_RUNNER, "running": 16}, AVERAGE_BATTER)
    players = {"a5": Player("a5", "Slow", batting=slow), "ab2": Player("ab2", "Fast", batting=fast)}
    setup = demo_setup(players=players)
    state = _at(setup, inning=9, score=(2, 3), bases=(None, "a5", None), phase=Phase.OFFENSE)
    choice = choose_action(setup, state, Side.AWAY)
    assert choice.action == Substitute(Side.AWAY, "a5", "ab2")
    assert choice.reason == "pinch runner Fast for Slow: running 16 vs 8"
    after = apply(setup, state, choice.action, SeededDice(1)).state
    assert after.bases[1] == "ab2"
    assert not isinstance(choose_action(setup, after, Side.AWAY).action, Substitute)
    assert not isinstance(choose_action(setup, replace(state, score=(5, 3)), Side.AWAY).action, Substitute)
