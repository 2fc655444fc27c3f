"""Helpers for live-play tests: demo games with lineups set, and a loop playing the side a user manages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from games import engine
from games.access import SYSTEM
from games.engine.answers import ai_choose_action
from games.engine.reading import card_result
from games.engine.serialize import action_to_dict
from games.models import Game, GameMode, Play, Visibility
from games.selectors import lineup_suggest
from games.services import game_apply_action, game_create, game_set_lineup, game_start
from games.setup import game_setup
from games.snapshot import game_state
from leagues.models import League
from leagues.services import commissioner_add
from leagues.services.demo import _demo_card, _demo_league, _demo_team
from players.demo_cards import demo_league
from players.models import Cardset, Player


def load_two_teams(code: str) -> League:
    """The first two demo teams of league `code` with their players and cards (quicker than `demo_load`)."""
    demo = demo_league(code)
    league, season = _demo_league(demo)
    cardsets = {c.name: Cardset.objects.get_or_create(league=league, name=c.name)[0] for c in demo.cardsets}
    for demo_team in demo.teams[:2]:
        team = _demo_team(league, season, demo_team)
        for demo_player in demo_team.players:
            player, _ = Player.objects.update_or_create(
                league=league,
                external_id=demo_player.external_id,
                defaults={"name": demo_player.name, "team": team, "positions": list(demo_player.positions)},
            )
            _demo_card(player, cardsets[demo_player.cardset], demo_player)
    return league


def demo_game(
    code: str = "pd",
    *,
    home_is_ai: bool = False,
    away_is_ai: bool = False,
    visibility: str = Visibility.PUBLIC,
    start: bool = True,
) -> Game:
    """A game between the first two demo teams of league `code`, lineups suggested, started."""
    league = League.objects.filter(code=code).first() or load_two_teams(code)
    away, home = list(league.teams.order_by("abbreviation"))[:2]
    cardsets = list(league.cardsets.all()) if code == "pd" else []
    game = game_create(
        league=league,
        home_team=home,
        away_team=away,
        mode=GameMode.FRIENDLY,
        visibility=visibility,
        home_is_ai=home_is_ai,
        away_is_ai=away_is_ai,
        cardsets=cardsets,
    )
    for team, is_ai in ((away, away_is_ai), (home, home_is_ai)):
        if not is_ai:
            entries = lineup_suggest(game=game, team=team)
            game_set_lineup(game=game, team=team, user=SYSTEM, entries=entries, start=start)
    if start and away_is_ai and home_is_ai:
        game_start(game_id=game.pk, user=SYSTEM)
    game.refresh_from_db()
    return game


def manager(game: Game, side: str, username: str | None = None) -> Any:
    """A fresh user managing the `side` team of `game`."""
    user = get_user_model().objects.create_user(username or f"{side}-{uuid.uuid4().hex[:8]}", password="pw")
    team = game.home_team if side == "home" else game.away_team
    team.managers.add(user)
    return user


def next_body(game: Game) -> dict[str, Any]:
    """The action body the AI would choose for whoever the game waits for."""
    game.refresh_from_db()
    return action_to_dict(ai_choose_action(game_state(game), game_setup(game), "balanced").action)


def play_to_end(game: Game, users: dict[engine.Side, Any], limit: int = 5_000) -> Game:
    for _ in range(limit):
        game.refresh_from_db()
        state = game_state(game)
        if state.game_over:
            return game
        assert state.actor is not None
        game_apply_action(
            game_id=game.pk,
            user=users[state.actor],
            action=next_body(game),
            action_id=uuid.uuid4(),
            expected_version=game.version,
        )
    raise AssertionError("the game did not end")


@dataclass
class Entered:
    game: Game
    play: Play
    entered_by: Any
    opponent: Any
    commissioner: Any
    card: engine.SubmitOutcome


def enter_against_the_card(monkeypatch: Any, seed: int = 5) -> Entered:
    """An SBA game with a manager per side; the first card result is entered as a home run (or, where the card
    reads one, a strikeout) and the game goes on for a few actions."""
    dice = engine.SeededDice(seed)
    monkeypatch.setattr(engine, "SystemDice", lambda: dice)
    game = demo_game("sba")
    users = {engine.Side.AWAY: manager(game, "away"), engine.Side.HOME: manager(game, "home")}
    entered: tuple[Any, engine.SubmitOutcome, int] | None = None
    for _ in range(200):
        game.refresh_from_db()
        state = game_state(game)
        assert state.actor is not None
        body = next_body(game)
        if entered is None and state.phase is engine.Phase.SUBMIT_OUTCOME:
            card = card_result(game_setup(game), state)
            wrong = "STRIKEOUT" if card.outcome is engine.Outcome.HOMERUN else "HOMERUN"
            body = {"kind": "submit_outcome", "outcome": wrong}
            entered = (state.actor, card, state.plays + 1)
        game_apply_action(
            game_id=game.pk, user=users[state.actor], action=body, action_id=uuid.uuid4(), expected_version=game.version
        )
        if entered is not None and game.version > 12:
            break
    assert entered is not None
    side, card, number = entered
    commissioner = manager(game, "home", "commish")
    game.home_team.managers.remove(commissioner)
    commissioner_add(user=commissioner, league=game.league)
    game.refresh_from_db()
    play = Play.objects.get(game=game, play_number=number)
    return Entered(game, play, users[side], users[side.other], commissioner, card)
