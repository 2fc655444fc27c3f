"""Browser forms for games: creating one and building a starting lineup. Forms validate input; the writes go
through `games.services`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, cast

from django import forms
from django.db import transaction

from games.engine.enums import FIELDING_POSITIONS, Position, ResolutionMode
from games.engine.lineup_rules import FIELD_POSITIONS
from games.engine.orders import (
    LAST_INNING,
    DecisionKind,
    HoldPolicy,
    InfieldPolicy,
    StandingOrders,
    Tendency,
    orders_from_dict,
    orders_to_dict,
)
from games.models import AiDifficulty, Game, GameMode, LineupKind, Visibility
from games.selectors import CardOption, LineupEntry, team_list_managed
from games.selectors.orders import team_fielders, team_pitchers
from games.services import game_create, game_set_lineup
from games.services.orders import NAMED_PLAYERS
from games.services.saved_lineups import saved_lineup_save
from leagues.league_api.records import LeagueCode
from leagues.models import League, Team

HUMAN = "human"
OPPONENT_CONTROL_CHOICES = [
    (HUMAN, "Its manager"),
    (AiDifficulty.BALANCED.value, "AI · balanced"),
    (AiDifficulty.YOLO.value, "AI · yolo (steals, sends, rides the starter)"),
    (AiDifficulty.SAFE.value, "AI · safe (plays for one run)"),
]
SIDE_CHOICES = [("home", "Home (bat second)"), ("away", "Away (bat first)")]


class TeamSelect(forms.Select):
    """A select of teams whose options carry their league id in `data-league` (the page filters by it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.team_leagues: dict[str, int] = {}

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        league_id = self.team_leagues.get(str(value))
        if league_id is not None:
            option["attrs"]["data-league"] = str(league_id)
        return option


class TeamChoiceField(forms.ModelChoiceField):
    """A team select whose options read "ABC · Name"."""

    widget = TeamSelect

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.abbreviation} · {obj.name}"


class LeagueChoiceField(forms.ModelChoiceField):
    """A league select whose options name the league's resolution mode."""

    def label_from_instance(self, obj: Any) -> str:
        mode = "automatic" if obj.resolution_mode == ResolutionMode.AUTO.value else "manual"
        return f"{obj.name} · {mode} results{'' if obj.dh else ' · no DH'}"


class NewGameForm(forms.Form):
    """Create a game: one of my teams against another team of the same league, its manager or the AI.

    Contract: `is_valid()` holds only when the league exists, `my_team` is a team of that league the user manages
    and `opponent` is another team of that league. `create()` then makes the pending game (PD: every cardset of
    the league approved, rosters from them) and, for an AI opponent, sets its suggested lineup at once."""

    league = LeagueChoiceField(
        queryset=League.objects.order_by("code"),
        empty_label=None,
        help_text="The league's rules apply: automatic results read numeric cards, manual ones physical cards.",
    )
    my_team = TeamChoiceField(queryset=Team.objects.none(), label="My team", empty_label=None)
    side = forms.ChoiceField(choices=SIDE_CHOICES, initial="home", widget=forms.RadioSelect, label="We play")
    opponent = TeamChoiceField(
        queryset=Team.objects.select_related("league").order_by("league__code", "abbreviation"),
        empty_label="Choose a team",
    )
    opponent_control = forms.ChoiceField(
        choices=OPPONENT_CONTROL_CHOICES, initial=AiDifficulty.BALANCED.value, label="Opponent played by"
    )
    mode = forms.ChoiceField(choices=GameMode.choices, initial=GameMode.FRIENDLY)
    visibility = forms.ChoiceField(
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
        help_text="Anyone may watch a public game; a private one only its managers.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        managed = team_list_managed(user)
        league_ids = {team.league_id for team in managed}
        league_field = self.fields["league"]
        my_team_field = self.fields["my_team"]
        assert isinstance(league_field, forms.ModelChoiceField)
        assert isinstance(my_team_field, forms.ModelChoiceField)
        league_field.queryset = League.objects.filter(pk__in=league_ids).order_by("code")
        # Any team may be posted (clean() says clearly when it is not one of the user's); only theirs are listed.
        my_team_field.queryset = Team.objects.select_related("league").order_by("league__code", "abbreviation")
        my_team_field.widget.choices = [(team.pk, my_team_field.label_from_instance(team)) for team in managed]
        self.managed_teams = managed
        team_leagues = dict(Team.objects.values_list("pk", "league_id"))
        for name in ("my_team", "opponent"):
            widget = self.fields[name].widget
            assert isinstance(widget, TeamSelect)
            widget.team_leagues = {str(pk): league_id for pk, league_id in team_leagues.items()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        league: League | None = data.get("league")
        mine: Team | None = data.get("my_team")
        opponent: Team | None = data.get("opponent")
        if mine is not None:
            if mine.pk not in {team.pk for team in self.managed_teams}:
                self.add_error("my_team", f"You do not manage {mine.name}.")
            elif league is not None and mine.league_id != league.pk:
                self.add_error("my_team", f"{mine.name} does not play in {league.name}.")
        if opponent is not None:
            if mine is not None and opponent.pk == mine.pk:
                self.add_error("opponent", "A team cannot play itself: choose another opponent.")
            elif league is not None and opponent.league_id != league.pk:
                self.add_error("opponent", f"{opponent.name} does not play in {league.name}.")
        return data

    @transaction.atomic
    def create(self) -> Game:
        """The new pending game (`game_create` sets the AI's lineup when the opponent is the AI); call after
        `is_valid()`."""
        data = self.cleaned_data
        league: League = data["league"]
        mine: Team = data["my_team"]
        opponent: Team = data["opponent"]
        control: str = data["opponent_control"]
        opponent_is_ai = control != HUMAN
        home, away = (mine, opponent) if data["side"] == "home" else (opponent, mine)
        cardsets = list(league.cardsets.order_by("name")) if league.code == LeagueCode.PD else []
        game = game_create(
            league=league,
            home_team=home,
            away_team=away,
            mode=data["mode"],
            visibility=data["visibility"],
            home_is_ai=opponent_is_ai and home == opponent,
            away_is_ai=opponent_is_ai and away == opponent,
            ai_difficulty=control if opponent_is_ai else AiDifficulty.BALANCED,
            cardsets=cardsets,
        )
        return game


# -- the lineup builder ---------------------------------------------------------------------------------------------

SLOTS = range(1, 10)


class LineupForm(forms.Form):
    """Nine batting slots (`slot_N_player`, `slot_N_position`) in batting order, plus `pitcher` in a DH league.

    A player choice is a `CardOption.value` ("player_id:card_id"). Without the DH the pitcher bats: the slot
    whose position is P. `entries()` turns a valid form into `LineupEntry`s (the pitcher last, not batting,
    in a DH league); the rules themselves (every position once, one pitcher, the roster) are the service's."""

    def __init__(self, *args: Any, options: Sequence[CardOption], dh: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dh = dh
        self.options = {option.value: option for option in options}
        hitters = [(o.value, o.label) for o in options if not o.is_pitcher]
        pitchers = [(o.value, o.label) for o in options if o.is_pitcher]
        player_choices: list[Any] = [("", "Choose a player")]
        if dh:
            player_choices += hitters
        else:
            player_choices += [("Position players", hitters), ("Pitchers", pitchers)]
        positions = [*FIELD_POSITIONS, "DH" if dh else "P"]
        position_choices = [("", "Pos"), *((p, p) for p in positions)]
        for slot in SLOTS:
            self.fields[f"slot_{slot}_player"] = forms.ChoiceField(
                choices=player_choices, label=f"Batter {slot}", required=False
            )
            self.fields[f"slot_{slot}_position"] = forms.ChoiceField(
                choices=position_choices, label=f"Position of batter {slot}", required=False
            )
        if dh:
            self.fields["pitcher"] = forms.ChoiceField(
                choices=[("", "Choose the starting pitcher"), *pitchers], label="Starting pitcher", required=False
            )
        self.fields["remember"] = forms.ChoiceField(
            choices=[
                ("", "Only for this game"),
                *((k, f"Also keep as my lineup {label}") for k, label in LineupKind.choices),
            ],
            label="Keep this lineup",
            required=False,
        )

    def slots(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        """(slot, player field, position field) in batting order; a slot's selects point at its error text."""
        rows = []
        for slot in SLOTS:
            names = (f"slot_{slot}_player", f"slot_{slot}_position")
            if self.is_bound and any(name in self.errors for name in names):
                for name in names:
                    self.fields[name].widget.attrs["aria-describedby"] = f"slot-{slot}-error"
            rows.append((slot, self[names[0]], self[names[1]]))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for slot in SLOTS:
            if not data.get(f"slot_{slot}_player"):
                self.add_error(f"slot_{slot}_player", "Choose a batter for this slot.")
            if not data.get(f"slot_{slot}_position"):
                self.add_error(f"slot_{slot}_position", "Choose a position.")
        if self.dh and not data.get("pitcher"):
            self.add_error("pitcher", "Choose the starting pitcher.")
        return data

    def entries(self) -> list[LineupEntry]:
        data = self.cleaned_data
        entries = [_entry(data[f"slot_{slot}_player"], data[f"slot_{slot}_position"], slot) for slot in SLOTS]
        if self.dh:
            entries.append(_entry(data["pitcher"], "P", None))
        return entries

    def shown_entries(self) -> list[LineupEntry]:
        """The batting slots as the page shows them (the posted data, else the initial lineup), leaving out blank
        slots and choices that are not on the roster: what the builder's warnings read."""
        shown = self.data if self.is_bound else self.initial
        entries = []
        for slot in SLOTS:
            value, position = shown.get(f"slot_{slot}_player"), shown.get(f"slot_{slot}_position")
            if value in self.options and position:
                entries.append(_entry(value, position, slot))
        return entries

    @staticmethod
    def initial_from(entries: Sequence[LineupEntry], *, dh: bool) -> dict[str, str]:
        """Form data for `entries` (a saved or suggested lineup)."""
        initial: dict[str, str] = {}
        for entry in entries:
            value = f"{entry.player_id}:{entry.card_id or ''}"
            if entry.batting_order is None:
                initial["pitcher"] = value
            else:
                initial[f"slot_{entry.batting_order}_player"] = value
                initial[f"slot_{entry.batting_order}_position"] = entry.position
        return initial

    def add_service_errors(self, errors: dict[str, str]) -> list[str]:
        """Puts `InvalidLineup.errors` next to their fields: `slot N` on slot N, the pitcher's `entry 10` and
        `pitcher` on the pitcher (the P slot without the DH); returns the messages that belong to no one field."""
        general: list[str] = []
        pitcher_slot = self._pitcher_slot()
        for key, message in errors.items():
            if key.startswith("slot ") and key[5:].isdigit() and int(key[5:]) in SLOTS:
                self.add_error(f"slot_{key[5:]}_player", message)
            elif key == "pitcher" or (key.startswith("entry ") and self.dh):
                if self.dh:
                    self.add_error("pitcher", message)
                elif pitcher_slot is not None:
                    self.add_error(f"slot_{pitcher_slot}_position", f"Pitcher: {message}")
                else:
                    general.append(f"Pitcher: {message}")
            elif key.startswith("position "):
                general.append(f"{key[9:]}: {message}")
            else:
                general.append(message)
        return general

    def _pitcher_slot(self) -> int | None:
        for slot in SLOTS:
            if self.data.get(f"slot_{slot}_position") == "P":
                return slot
        return None

    @transaction.atomic
    def save(self, *, game: Game, team: Team, user: Any) -> None:
        """Sets the lineup in `game` and, when asked, keeps it as the team's lineup vs RHP or vs LHP."""
        entries = self.entries()
        game_set_lineup(game=game, team=team, user=user, entries=entries)
        if self.cleaned_data.get("remember"):
            saved_lineup_save(team=team, user=user, kind=self.cleaned_data["remember"], entries=entries)


def _entry(value: str, position: str, batting_order: int | None) -> LineupEntry:
    player, _, card = value.partition(":")
    return LineupEntry(int(player), position, batting_order, int(card) if card else None)


def _enum_choices(kind: type[Enum], labels: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(member.value, labels.get(member.value, member.value.replace("_", " ").capitalize())) for member in kind]


TENDENCIES = _enum_choices(
    Tendency, {"never": "Never", "less": "Less often", "normal": "As the AI judges", "more": "More often"}
)


class StandingOrdersForm(forms.Form):
    """A team's standing orders (`games.engine.orders`); the closer and the specialist are chosen among the team's
    pitchers. `orders()` gives the engine's value of a valid form."""

    infield = forms.ChoiceField(
        label="Infield depth",
        choices=_enum_choices(
            InfieldPolicy,
            {
                "situational": "In late when the run on third ties or decides it",
                "never": "Always at normal depth",
                "runner_on_third": "In whenever a runner is on third (fewer than two out)",
            },
        ),
    )
    hold = forms.ChoiceField(
        label="Hold runners",
        choices=_enum_choices(
            HoldPolicy, {"threats": "Runners likely to steal", "always": "Every runner", "never": "Never"}
        ),
    )
    steal = forms.ChoiceField(label="Steal", choices=TENDENCIES, initial="normal")
    bunt = forms.ChoiceField(label="Sacrifice bunt", choices=TENDENCIES, initial="normal")
    hit_and_run = forms.ChoiceField(label="Hit-and-run", choices=TENDENCIES, initial="normal")
    intentional_walk = forms.ChoiceField(label="Intentional walk", choices=TENDENCIES, initial="normal")
    pinch_hit = forms.ChoiceField(label="Pinch hitters", choices=TENDENCIES, initial="normal")
    relieve_from_inning = forms.TypedChoiceField(
        label="Don't relieve before the",
        coerce=int,
        choices=[(1, "1st (any time)"), (2, "2nd"), (3, "3rd")] + [(n, f"{n}th") for n in range(4, LAST_INNING + 1)],
        help_text="A change the rules require (an injury, a pitcher who must leave) is still made.",
    )
    closer = forms.ChoiceField(label="Closer", required=False)
    left_specialist = forms.ChoiceField(label="Left-handed specialist", required=False)
    automatic = forms.MultipleChoiceField(
        label="Decide at once, without asking me",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=_enum_choices(
            DecisionKind,
            {
                "defense": "Defense: depth, holds, intentional walks",
                "offense": "Offense: steals, bunts, hit-and-runs",
                "baserunning": "Baserunning: sending runners, where to throw",
                "substitutions": "Substitutions: pitching changes, pinch hitters and runners",
            },
        ),
        help_text="With auto-play on in a game, these are made by the server by your orders; the rest only when "
        "the AI manager would take the rules' default.",
    )

    def __init__(
        self, *args: Any, team: Team, initial_orders: StandingOrders, initial_rotation: Sequence[int], **kwargs: Any
    ) -> None:
        initial = orders_to_dict(initial_orders)  # what differs from the fields' own defaults
        initial |= {f"rotation_{n}": str(pid) for n, pid in enumerate(initial_rotation[:ROTATION], 1)}
        for position, backups in initial.pop("depth", {}).items():
            for rank, pid in enumerate(backups[:DEPTH], 1):
                initial[_depth_field(position, rank)] = pid
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        pitchers = [("", "The AI picks by rating"), *((str(p.pk), p.name) for p in team_pitchers(team))]
        for name in NAMED_PLAYERS:
            cast(forms.ChoiceField, self.fields[name]).choices = pitchers
        starters = [("", "—"), *pitchers[1:]]
        for n in range(1, ROTATION + 1):
            self.fields[f"rotation_{n}"] = forms.ChoiceField(label=f"Starter {n}", choices=starters, required=False)
        fielders = [("", "—"), *((str(p.pk), p.name) for p in team_fielders(team))]
        for position in DEPTH_POSITIONS:
            for rank in range(1, DEPTH + 1):
                label = f"{position.value} backup {rank}"
                self.fields[_depth_field(position.value, rank)] = forms.ChoiceField(
                    label=label, choices=fielders, required=False
                )

    def depth_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(position, its backup selects in order) for the depth chart's table."""
        return [(p.value, [self[_depth_field(p.value, rank)] for rank in range(1, DEPTH + 1)]) for p in DEPTH_POSITIONS]

    def rotation_fields(self) -> list[forms.BoundField]:
        return [self[f"rotation_{n}"] for n in range(1, ROTATION + 1)]

    def rotation(self) -> list[int]:
        """The rotation's starters in order (a blank skipped; a pitcher named twice is the service's to refuse)."""
        return [int(pid) for n in range(1, ROTATION + 1) if (pid := self.cleaned_data[f"rotation_{n}"])]

    def orders(self) -> StandingOrders:
        data = {name: self.cleaned_data[name] for name in self.base_fields}
        depth = {}
        for position in DEPTH_POSITIONS:
            picked = [self.cleaned_data[_depth_field(position.value, rank)] for rank in range(1, DEPTH + 1)]
            depth[position.value] = list(dict.fromkeys(pid for pid in picked if pid))
        return orders_from_dict({**data, "depth": depth})


DEPTH = 2
"""Backups per position on the depth chart."""
ROTATION = 5
"""Starters in a rotation."""
DEPTH_POSITIONS = tuple(p for p in FIELDING_POSITIONS if p is not Position.P)


def _depth_field(position: str, rank: int) -> str:
    """The form field of the `rank`th backup at `position`: `depth_SS` (the first, where errors go), `depth_SS_2`."""
    return f"depth_{position}" if rank == 1 else f"depth_{position}_{rank}"
