"""A game's life before play: create it, set its lineups (reserves become bench and bullpen), start it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from games import engine
from games.access import SYSTEM, Actor, System, is_commissioner, signed_in, team_manager_check, user_sides
from games.engine.lineup_rules import FIELD_POSITIONS
from games.engine.serialize import state_to_dict
from games.errors import Forbidden, IllegalActionError, InvalidLineup
from games.models import (
    AiDifficulty,
    Game,
    GameCardsetLink,
    GameMode,
    GameSession,
    GameStatus,
    Lineup,
    RosterLink,
    StandingOrders,
    Visibility,
)
from games.selectors.lineups import LineupEntry, game_lineup_team_ids, lineup_suggest
from games.selectors.saved_lineups import ai_saved_lineup
from games.services.record import Recorder
from games.setup import game_setup
from leagues.availability import game_unavailable
from leagues.league_api.records import LeagueCode
from leagues.models import League, ScheduledGame, Season, Team
from players.models import Card, Cardset, PositionRating
from players.models import Player as PlayerModel
from scorecard.clock import pendulum_now


def _team_side_check(game: Game, team: Team, user: Actor) -> None:
    if team.pk not in (game.home_team_id, game.away_team_id):
        raise InvalidLineup({"team": f"{team} does not play in this game"})
    if isinstance(user, System) or is_commissioner(game, user):
        return
    team_manager_check(team, user)


@transaction.atomic
def game_create(
    *,
    league: League,
    home_team: Team,
    away_team: Team,
    mode: str = GameMode.FRIENDLY,
    visibility: str = Visibility.PUBLIC,
    home_is_ai: bool = False,
    away_is_ai: bool = False,
    ai_difficulty: str = AiDifficulty.BALANCED,
    cardsets: Sequence[Cardset] = (),
    roster_cards: Mapping[int, Sequence[Card]] | None = None,
    season: Season | None = None,
    scheduled: ScheduledGame | None = None,
) -> Game:
    """A pending game. PD: `cardsets` are approved in priority order and each team's roster links are its
    `roster_cards[team.pk]` (default: the team's players' cards in the approved cardsets). An AI side's lineup is
    set at once (the AI's suggestion, by the `SYSTEM`, of the players available for the `scheduled` slot the game
    plays, if any); the game starts when the other lineup is set (or, AI against AI, with `game_start`). Raises
    InvalidLineup
    keyed by `home_team` / `away_team` / `season` / `cardsets` for teams, a season or cardsets not of `league`, or
    a team playing itself."""
    errors: dict[str, str] = {}
    for field, team in (("home_team", home_team), ("away_team", away_team)):
        if team.league_id != league.pk:
            errors[field] = f"{team} is not in {league}"
    if home_team.pk == away_team.pk:
        errors["away_team"] = "a team cannot play itself"
    if season is not None and season.league_id != league.pk:
        errors["season"] = f"{season} is not a season of {league}"
    if any(cardset.league_id != league.pk for cardset in cardsets):
        errors["cardsets"] = f"every cardset must be one of {league}'s"
    if errors:
        raise InvalidLineup(errors)
    saved_orders = dict(StandingOrders.objects.filter(team__in=(home_team, away_team)).values_list("team_id", "orders"))
    game = Game.objects.create(
        league=league,
        season=season,
        home_team=home_team,
        away_team=away_team,
        game_mode=mode,
        visibility=visibility,
        home_is_ai=home_is_ai,
        away_is_ai=away_is_ai,
        ai_difficulty=ai_difficulty,
        home_orders=saved_orders.get(home_team.pk, {}),
        away_orders=saved_orders.get(away_team.pk, {}),
        scheduled=scheduled,
    )
    GameSession.objects.create(game=game)
    GameCardsetLink.objects.bulk_create(
        GameCardsetLink(game=game, cardset=cardset, priority=index) for index, cardset in enumerate(cardsets, 1)
    )
    if cardsets:
        for team in (home_team, away_team):
            cards = (roster_cards or {}).get(team.pk)
            if cards is None:
                cards = list(Card.objects.filter(player__team=team, cardset__in=cardsets))
            RosterLink.objects.bulk_create(RosterLink(game=game, team=team, card=card) for card in cards)
    for team, is_ai in ((away_team, away_is_ai), (home_team, home_is_ai)):
        if is_ai:
            _set_ai_lineup(game, team)
    return game


def _set_ai_lineup(game: Game, team: Team) -> None:
    """The AI manager's lineup: the team's saved lineup for the opposing starter when the rules accept it in this
    game (`ai_saved_lineup`), else its own suggestion."""
    saved = ai_saved_lineup(game=game, team=team)
    if saved is not None:
        try:
            with transaction.atomic():
                game_set_lineup(game=game, team=team, user=SYSTEM, entries=saved, start=False)
        except InvalidLineup:
            pass
        else:
            return
    game_set_lineup(game=game, team=team, user=SYSTEM, entries=lineup_suggest(game=game, team=team), start=False)


@transaction.atomic
def game_create_scheduled(*, scheduled: ScheduledGame, user: Actor, ai_plays_both: bool = False) -> Game:
    """The ranked game that plays a scheduled slot of a season, with the slot's home and away teams. A manager
    of either team (or the `SYSTEM`) creates it; a team with no manager is played by the AI (so a manager's
    opponent without one is the AI, and the `SYSTEM` plays AI against AI); the user's own sides stay human. PD
    approves every cardset of the league, as a new game does. Raises Forbidden for a user who manages neither
    team, IllegalActionError for a slot already played or started, or of a week after the season's current
    week. `ai_plays_both` (the `SYSTEM` only: a demo's or a commissioner's tool) gives both sides to the AI.
    AI against AI is played to the end at once."""
    if ai_plays_both and not isinstance(user, System):
        raise Forbidden("only the system can give both sides of a scheduled game to the AI")
    slot = (
        ScheduledGame.objects.select_for_update(of=("self",))
        .select_related("series__season__league", "home_team", "away_team")
        .get(pk=scheduled.pk)
    )
    home, away = slot.home_team, slot.away_team
    managed = {team.pk for team in (home, away) if team.managers.exists()}
    if not isinstance(user, System):
        account = signed_in(user)
        if account is None or not Team.objects.filter(pk__in=[home.pk, away.pk], managers=account).exists():
            raise Forbidden(f"only a manager of {home.name} or {away.name} can start this game")
    if Game.objects.filter(scheduled=slot).exists() or slot.reported_home_score is not None:
        raise IllegalActionError(f"{slot.label} has already been played or started")
    season = slot.series.season
    if season.current_week is not None and slot.series.week > season.current_week:
        raise IllegalActionError(f"{slot.label} is not due yet: the season is in week {season.current_week}")
    league = season.league
    game = game_create(
        league=league,
        season=season,
        home_team=home,
        away_team=away,
        mode=GameMode.RANKED,
        home_is_ai=ai_plays_both or home.pk not in managed,
        away_is_ai=ai_plays_both or away.pk not in managed,
        cardsets=list(league.cardsets.order_by("name")) if league.code == LeagueCode.PD else [],
        scheduled=slot,
    )
    if game.home_is_ai and game.away_is_ai:
        game = game_start(game_id=game.pk, user=SYSTEM)
    return game


def _lineup_errors(
    game: Game, team: Team, entries: Sequence[LineupEntry], unavailable: Mapping[int, str]
) -> tuple[dict[str, str], dict[int, Card]]:
    """The engine's lineup rules (`engine.lineup_errors`), then what only the database knows: the player is in the
    league and on the team (SBA), plays on one of his cards in the game's roster (PD), and is available for the
    game's scheduled slot (`unavailable`: resting or hurt, with the reason)."""
    players = {p.pk: p for p in PlayerModel.objects.filter(pk__in=[e.player_id for e in entries])}
    known = {pk: player for pk, player in players.items() if player.league_id == game.league_id}
    cards = {c.pk: c for c in Card.objects.filter(pk__in=[e.card_id for e in entries if e.card_id])}
    rated = _rated_positions(entries, cards)
    slots = [
        engine.ProposedSlot(e.player_id, e.position, e.batting_order, known[e.player_id].name, rated.get(e.player_id))
        if e.player_id in known
        else engine.ProposedSlot(e.player_id, e.position, e.batting_order, None)
        for e in entries
    ]
    errors = engine.lineup_errors(slots, dh=game.league.dh, out_of_position=game.league.out_of_position)
    is_pd = game.cardset_links.exists()
    rostered = set(RosterLink.objects.filter(game=game, team=team).values_list("card_id", flat=True))
    for index, (entry, slot) in enumerate(zip(entries, slots, strict=True), 1):
        player = known.get(entry.player_id)
        if player is None:
            continue
        key = engine.slot_key(slot, index)
        card = cards.get(entry.card_id) if entry.card_id else None
        if entry.card_id and (card is None or card.player_id != player.pk):
            errors[key] = f"card {entry.card_id} is not one of {player.name}'s cards"
        elif is_pd:
            if card is None or card.player_id != player.pk:
                errors[key] = f"{player.name} needs one of his cards"
            elif card.pk not in rostered:
                errors[key] = f"{card} is not on {team}'s roster for this game or not in an approved cardset"
        elif player.team_id != team.pk:
            errors[key] = f"{player.name} is not on {team}'s roster"
        if key not in errors and player.pk in unavailable:
            errors[key] = f"{player.name}: {unavailable[player.pk]}"
    return errors, cards


def _lineup_card(entry: LineupEntry, cards: Mapping[int, Card]) -> Card | None:
    """The card a lineup entry plays on: its own, else the player's newest card."""
    card = cards.get(entry.card_id) if entry.card_id else None
    return card or Card.objects.filter(player_id=entry.player_id).order_by("-cardset_id", "variant").first()


def _rated_positions(entries: Sequence[LineupEntry], cards: Mapping[int, Card]) -> dict[int, tuple[str, ...]]:
    """Per player, the positions the card he plays on rates him at (a pitcher's card counting as P), as the
    engine's setup reads them (`engine.ProposedSlot.rated`)."""
    chosen = {entry.player_id: card for entry in entries if (card := _lineup_card(entry, cards)) is not None}
    positions: dict[int, list[str]] = {}
    for card_id, position in (
        PositionRating.objects.filter(card__in=chosen.values())
        .exclude(position="DH")
        .values_list("card_id", "position")
    ):
        positions.setdefault(card_id, []).append(position)
    return {
        player_id: (*positions.get(card.pk, ()), *(("P",) if card.throw_hand else ()))
        for player_id, card in chosen.items()
    }


@transaction.atomic
def game_set_lineup(
    *, game: Game, team: Team, user: Actor, entries: Sequence[LineupEntry], start: bool = True
) -> list[Lineup]:
    """Replaces `team`'s starting lineup of a pending game (RULES §12) and returns the starting rows. The rest of
    the team's usable cards (PD: its roster links; SBA: its players) become reserve rows (no batting order, not
    starters, not active) that the setup offers as bench and bullpen for live substitutions. With `start`, the
    lineup that completes the pair starts the game (`game_start`), from the browser and the API alike. A player
    resting or hurt at the game's scheduled slot (`leagues.availability`) is refused at his slot and is not
    made a reserve, so no substitution brings him in. Raises InvalidLineup with per-slot errors, Forbidden for a
    user who neither manages the team nor commissions the league (the `SYSTEM` sets AI sides' lineups)."""
    game = Game.objects.select_for_update().select_related("league").get(pk=game.pk)
    _team_side_check(game, team, user)
    if game.status != GameStatus.PENDING:
        raise InvalidLineup({"game": "lineups are set before the game starts"})
    unavailable = game_unavailable(game, team)
    errors, cards = _lineup_errors(game, team, entries, unavailable)
    if errors:
        raise InvalidLineup(errors)
    Lineup.objects.filter(game=game, team=team).delete()
    rows = []
    for entry in entries:
        rows.append(
            Lineup(
                game=game,
                team=team,
                player_id=entry.player_id,
                card=_lineup_card(entry, cards),
                position=entry.position,
                batting_order=entry.batting_order,
            )
        )
    starters = Lineup.objects.bulk_create(rows)
    Lineup.objects.bulk_create(_reserve_rows(game, team, {entry.player_id for entry in entries} | set(unavailable)))
    if start and game_lineup_team_ids(game) == {game.home_team_id, game.away_team_id}:
        game_start(game_id=game.pk, user=user)
    return starters


def _reserve_cards(game: Game, team: Team, left_out: set[int]) -> list[Card]:
    """One card per player of `team` not `left_out` (the starting lineup, and the players not available): PD the
    roster link in the best-priority cardset, SBA the player's newest card."""
    chosen: dict[int, Card] = {}
    priority = dict(game.cardset_links.values_list("cardset_id", "priority"))
    if priority:
        links = RosterLink.objects.filter(game=game, team=team).exclude(card__player_id__in=left_out)
        cards = [link.card for link in links.select_related("card__player")]
        cards.sort(key=lambda c: (priority.get(c.cardset_id, len(priority) + 1), c.variant, c.pk))
    else:
        players = PlayerModel.objects.filter(team=team).exclude(pk__in=left_out)
        cards = list(
            Card.objects.filter(player__in=players).select_related("player").order_by("-cardset_id", "variant")
        )
    for card in cards:
        chosen.setdefault(card.player_id, card)
    return sorted(chosen.values(), key=lambda c: (c.player.name, c.pk))


def _reserve_position(card: Card) -> str:
    if card.throw_hand:
        return "P"
    return next((p for p in card.player.positions if p in FIELD_POSITIONS), "DH")


def _reserve_rows(game: Game, team: Team, left_out: set[int]) -> list[Lineup]:
    return [
        Lineup(
            game=game,
            team=team,
            player_id=card.player_id,
            card=card,
            position=_reserve_position(card),
            batting_order=None,
            is_starter=False,
            is_active=False,
        )
        for card in _reserve_cards(game, team, left_out)
    ]


def game_start(*, game_id: Any, user: Actor) -> Game:
    """Starts a pending game whose two lineups are set; AI sides make their first decisions at once. Its
    managers, the league's commissioners and the `SYSTEM` may start it."""
    with transaction.atomic():
        game = Game.objects.select_for_update().select_related("league").get(pk=game_id)
        if not (isinstance(user, System) or user_sides(game, user) or is_commissioner(game, user)):
            raise Forbidden("only a manager of this game or a commissioner can start it")
        if game.status != GameStatus.PENDING:
            raise IllegalActionError(f"the game is {game.status}")
        try:
            setup = game_setup(game)
        except ValueError as exc:
            raise InvalidLineup({"lineup": str(exc)}) from exc
        state = engine.new_game(setup)
        game.status = GameStatus.ACTIVE
        game.started_at = pendulum_now()
        game.state = state_to_dict(state)
        game.save(update_fields=["status", "started_at", "state"])
        recorder = Recorder(game, setup, state)
        recorder.answer_for_ai()
        recorder.save()
    return game
