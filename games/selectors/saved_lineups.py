"""A team's saved lineups (vs RHP, vs LHP) as a game's lineup entries, and which one fits the opposing starter."""

from __future__ import annotations

from dataclasses import dataclass

from games.models import Game, Lineup, LineupKind, SavedLineup
from games.selectors.lineups import LineupEntry, lineup_card_options, lineup_suggest
from leagues.models import Team
from players.models import Card, Player


@dataclass(frozen=True, slots=True)
class SavedFit:
    """A saved lineup mapped onto one game's cards: `entries` (complete only when `missing` is empty) and the
    saved players this game cannot start (off the roster, or "Name: why" when resting or hurt)."""

    kind: str
    entries: list[LineupEntry]
    missing: list[str]


def saved_lineup_kinds(team: Team) -> list[str]:
    """The kinds of lineup `team` has saved (vs_rhp, vs_lhp), in that order."""
    kinds = set(SavedLineup.objects.filter(team=team).values_list("kind", flat=True))
    return [kind for kind in LineupKind.values if kind in kinds]


def opposing_starter_kind(*, game: Game, team: Team) -> str | None:
    """The lineup kind that faces the opponent's starting pitcher in `game` (vs_lhp for a left-hander, vs_rhp for a
    right-hander): the one in his lineup, or while it is not set his probable starter (the next of his rotation
    who is rested, as `lineup_suggest` picks him); None when neither is known."""
    row = Lineup.objects.filter(game=game, is_starter=True, position="P").exclude(team=team).first()
    card_id = row.card_id if row is not None else None
    if row is None:
        opponent = game.away_team if team.pk == game.home_team_id else game.home_team
        probable = next((e for e in lineup_suggest(game=game, team=opponent) if e.position == "P"), None)
        if probable is None:
            return None
        card_id = probable.card_id
    hand = Card.objects.filter(pk=card_id).values_list("throw_hand", flat=True).first() if card_id else None
    return LineupKind.VS_LHP if hand == "L" else LineupKind.VS_RHP


def saved_lineup_fit(*, game: Game, team: Team, kind: str) -> SavedFit | None:
    """`team`'s saved `kind` lineup as entries for `game` (each player on the first card he may start on in this
    game; one resting or hurt is left out with the reason); None when none is saved."""
    saved = SavedLineup.objects.filter(team=team, kind=kind).first()
    if saved is None:
        return None
    options: dict[int, tuple[int | None, str]] = {}
    unavailable: dict[int, str] = {}
    for option in lineup_card_options(game=game, team=team):
        if option.unavailable:
            unavailable[option.player_id] = f"{option.name}: {option.unavailable}"
        else:
            options.setdefault(option.player_id, (option.card_id, option.name))
    entries, missing = [], []
    names = dict(Player.objects.filter(pk__in=[item.get("player") for item in saved.entries]).values_list("pk", "name"))
    for item in saved.entries:
        player = item.get("player")
        if player in options:
            entries.append(LineupEntry(player, item["position"], item.get("order"), options[player][0]))
        else:
            missing.append(unavailable.get(player) or names.get(player, f"player {player}"))
    return SavedFit(kind, entries, missing)


def ai_saved_lineup(*, game: Game, team: Team) -> list[LineupEntry] | None:
    """The saved lineup the AI manager starts for `team` in `game`: the one facing the opposing starter (vs RHP
    while he is unknown), else the other, when every one of its players can start here; None otherwise."""
    facing = opposing_starter_kind(game=game, team=team) or LineupKind.VS_RHP
    for kind in (facing, *(k for k in LineupKind.values if k != facing)):
        fit = saved_lineup_fit(game=game, team=team, kind=kind)
        if fit is not None and not fit.missing:
            return fit.entries
    return None
