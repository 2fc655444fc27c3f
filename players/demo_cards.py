"""Deterministic demo leagues: teams, ballparks, cardsets and 26-player rosters with valid cards.

Pure Python (no Django): `demo_league("pd")` always returns the same data (seeded `random.Random`). Chances are
exact multiples of 0.05 and every rating row sums to exactly 108; the field names are those of RULES.md §2
(`players.ratings`).

Tuning: a plate appearance reads batter chances + pitcher chances out of 216 (RULES §2), so the league line comes
from the two mean tables below (each sums to 108). They aim at roughly .250/.320/.410 and 4-5 runs per team game,
counting half of BP_HOMERUN / BP_SINGLE as going through and about a fifth of the 29 X-check chances as hits.
`manage.py simulate --games 1000 --seed 1` (AI-vs-AI PD games, default lineups) measured .251/.323/.415, 4.58 runs.
Players vary around the means by `talent` (stars > 0 > scrubs), `power`, `contact`, `eye` and a ground/fly tilt.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from players.ratings import (
    BATTER_FIELDS,
    BATTER_OUT_FIELDS,
    CHANCE_STEP,
    CHANCES_PER_CARD,
    JUMP_STEPS,
    PITCHER_FIELDS,
    PITCHER_OUT_FIELDS,
    XCHECK_FIELDS,
    XCHECK_TOTAL,
)

SEED = 20260401
UNITS = int(CHANCES_PER_CARD / CHANCE_STEP)  # 2160 steps of 0.05 per card

# League-mean chances per 108 for one side of the matchup. Outs absorb whatever a player's variation leaves.
BATTER_MEAN: dict[str, float] = {
    "homerun": 2.4,
    "bp_homerun": 1.3,
    "triple": 0.5,
    "double_three": 0.75,
    "double_two": 2.3,
    "double_pull": 1.75,
    "single_two": 3.5,
    "single_one": 5.5,
    "single_center": 4.0,
    "bp_single": 2.0,
    "hbp": 1.0,
    "walk": 9.0,
    "strikeout": 22.0,
    "lineout": 4.0,
    "popout": 5.3,
    "flyout_a": 2.0,
    "flyout_bq": 3.9,
    "flyout_lf_b": 4.5,
    "flyout_rf_b": 4.5,
    "groundout_a": 7.5,
    "groundout_b": 11.0,
    "groundout_c": 9.3,
}
PITCHER_MEAN: dict[str, float] = {
    "homerun": 2.0,
    "bp_homerun": 1.3,
    "triple": 0.3,
    "double_three": 0.5,
    "double_two": 1.8,
    "double_cf": 1.5,
    "single_two": 2.5,
    "single_one": 4.0,
    "single_center": 3.5,
    "bp_single": 2.0,
    "hbp": 1.0,
    "walk": 9.0,
    "strikeout": 22.0,
    "flyout_lf_b": 4.5,
    "flyout_cf_b": 6.1,
    "flyout_rf_b": 4.5,
    "groundout_a": 5.3,
    "groundout_b": 7.2,
    "xcheck_p": 1.5,
    "xcheck_c": 1.5,
    "xcheck_1b": 2.5,
    "xcheck_2b": 5.0,
    "xcheck_3b": 4.0,
    "xcheck_ss": 5.5,
    "xcheck_lf": 3.0,
    "xcheck_cf": 3.5,
    "xcheck_rf": 2.5,
}

# How strongly each skill moves a group of results (multiplier = 1 + sum(weight * skill), kept in 0.2-2.5).
HOMERUNS = ("homerun", "bp_homerun")
EXTRA_BASES = ("triple", "double_three", "double_two", "double_pull", "double_cf")
SINGLES = ("single_two", "single_one", "single_center", "bp_single")
GROUNDOUTS = ("groundout_a", "groundout_b", "groundout_c")
FLYOUTS = ("flyout_a", "flyout_bq", "flyout_lf_b", "flyout_cf_b", "flyout_rf_b")
INFIELD_XCHECKS = ("xcheck_p", "xcheck_c", "xcheck_1b", "xcheck_2b", "xcheck_3b", "xcheck_ss")
PLATOON = {("R", "L"): 0.3, ("R", "R"): -0.15, ("L", "R"): 0.3, ("L", "L"): -0.4, ("S", "L"): 0.1, ("S", "R"): 0.1}
PITCHER_PLATOON = {("R", "R"): 0.25, ("R", "L"): -0.15, ("L", "L"): 0.35, ("L", "R"): -0.1}

# Error ratings stay well inside the error chart's columns (shared/rules/data/xcheck_errors.json maxima).
ERROR_RANGE = {
    "P": (0, 15),
    "C": (2, 10),
    "1B": (2, 12),
    "2B": (5, 20),
    "3B": (6, 22),
    "SS": (8, 25),
    "LF": (2, 10),
    "CF": (2, 9),
    "RF": (2, 10),
}
ARM_POSITIONS = ("C", "LF", "CF", "RF")
HOLD_MEAN = 1.5
LEFTY_HOLD_EDGE = 1.5
CATCHER_ARM_MEAN = -1.0
RARITIES = ("Replacement", "Bench", "Starter", "All-Star", "Superstar", "MVP")
INJURY_RATINGS = ("p70", "p65", "p60", "p50", "p40", "p30", "p20")

# Position players: (fielding positions, starter?). Two catchers, a backup at every spot, a DH.
HITTER_SLOTS: tuple[tuple[tuple[str, ...], bool], ...] = (
    (("C",), True),
    (("1B",), True),
    (("2B", "SS"), True),
    (("SS", "2B"), True),
    (("3B",), True),
    (("LF", "RF"), True),
    (("CF", "LF", "RF"), True),
    (("RF", "LF"), True),
    (("1B", "LF"), True),  # the designated hitter
    (("C", "1B"), False),
    (("2B", "SS", "3B"), False),
    (("LF", "CF", "RF"), False),
    (("3B", "1B"), False),
)
PITCHER_ROLES = ("SP",) * 5 + ("RP",) * 7 + ("CP",)

FIRST_NAMES = (  # noqa: SIM905 - one string reads better than a tall list
    "Abe Amos Arlo Bart Boone Cal Clint Dale Dewey Eli Emmett Ford Gus Hal Hank Ike Jace Jody Kip Lars "
    "Lou Mack Milo Ned Otis Pete Quinn Ray Rollie Rusty Sal Skip Ted Tobias Vic Walt Wes Zeke"
).split()
LAST_NAMES = (  # noqa: SIM905 - one string reads better than a tall list
    "Abbott Alvarez Barlow Becker Bishop Calloway Castillo Crane Dalton Delgado Ellis Ferro Fischer "
    "Garner Hale Hargrove Ito Jansen Keller Kowalski Lindqvist Lowe Maddox Marsh Medina Mercer Nash Novak "
    "Okafor Ortega Pike Quint Ramos Renfrow Rhodes Sato Serrano Shaw Sutter Tate Thorne Underwood Vance "
    "Varga Voss Wade Webb Whitley Yates Zamora"
).split()


@dataclass(frozen=True)
class DemoBallpark:
    name: str
    hr_number: int
    single_number: int


@dataclass(frozen=True)
class DemoCardset:
    name: str
    description: str
    ranked_legal: bool


@dataclass(frozen=True)
class DemoPosition:
    """Mirrors players.PositionRating."""

    position: str
    range: int
    error: int
    arm: int | None = None
    passed_ball: int | None = None
    throwing: int | None = None
    innings: int = 0


@dataclass(frozen=True)
class DemoBattingCard:
    """Mirrors the batting block of players.Card; `ratings` maps vs_hand to field -> chances."""

    hand: str
    running: int
    steal_auto: bool
    steal_jump: Decimal
    steal_high: int
    steal_low: int
    bunting: str
    hit_and_run: str
    offense_col: int
    ratings: dict[str, dict[str, Decimal]]


@dataclass(frozen=True)
class DemoPitchingCard:
    """Mirrors the pitching block of players.Card; `ratings` maps vs_hand to field -> chances (X-checks = 29)."""

    hand: str
    hold: int
    balk: int
    wild_pitch: int
    starter_rating: int | None
    relief_rating: int | None
    closer_rating: int | None
    batting: str
    ratings: dict[str, dict[str, Decimal]]


@dataclass(frozen=True)
class DemoPlayer:
    external_id: str
    name: str
    positions: tuple[str, ...]
    cardset: str
    rarity: int
    cost: int
    batting: DemoBattingCard
    pitching: DemoPitchingCard | None
    fielding: tuple[DemoPosition, ...]
    wara: Decimal
    injury_rating: str
    pitcher_injury: int | None

    @property
    def is_pitcher(self) -> bool:
        return self.pitching is not None

    @property
    def rarity_name(self) -> str:
        return RARITIES[self.rarity]


@dataclass(frozen=True)
class DemoTeam:
    external_id: str
    abbreviation: str
    name: str
    short_name: str
    color: str
    dice_color: str
    ballpark: DemoBallpark
    players: tuple[DemoPlayer, ...]
    gm_discord_id: str
    """A made-up Discord id (below any real snowflake): signing in with it makes you this team's manager."""


@dataclass(frozen=True)
class DemoLeague:
    code: str
    name: str
    resolution_mode: str
    injuries: bool
    season: int
    cardsets: tuple[DemoCardset, ...]
    teams: tuple[DemoTeam, ...]


@dataclass(frozen=True)
class _LeagueSpec:
    name: str
    resolution_mode: str
    injuries: bool
    season: int
    cardsets: tuple[DemoCardset, ...]
    teams: tuple[tuple[str, str, str, str, str, DemoBallpark], ...]


LEAGUES: dict[str, _LeagueSpec] = {
    "pd": _LeagueSpec(
        name="Paper Dynasty",
        resolution_mode="auto",
        injuries=False,
        season=1,
        cardsets=(
            DemoCardset("Demo Classic", "Demo cards for trying the game", True),
            DemoCardset("Demo Legends", "Demo cards with extra stars", False),
        ),
        teams=(
            ("HCG", "Harbor City Gulls", "Gulls", "1f6f8b", "f2a541", DemoBallpark("Breakwater Park", 10, 10)),
            ("MVM", "Mill Valley Miners", "Miners", "6b4226", "d9c5a0", DemoBallpark("Shaft Street Field", 12, 9)),
            ("RDR", "Red Desert Rattlers", "Rattlers", "b33a3a", "f4e3b2", DemoBallpark("Mesa Grounds", 13, 11)),
            ("NPT", "North Point Tides", "Tides", "234e70", "9ad0ec", DemoBallpark("Lighthouse Yard", 8, 10)),
        ),
    ),
    "sba": _LeagueSpec(
        name="Strat-O-Matic Baseball Association",
        resolution_mode="manual",
        injuries=True,
        season=1,
        cardsets=(DemoCardset("SBA Demo Season 1", "Demo cards for the SBA demo season", True),),
        teams=(
            ("BRK", "Brookside Kestrels", "Kestrels", "2e5e3e", "e8d174", DemoBallpark("Kestrel Commons", 9, 11)),
            ("IRF", "Iron Range Foxes", "Foxes", "c8641e", "2b2b2b", DemoBallpark("Foundry Field", 11, 10)),
            ("LKL", "Lakeshore Lanterns", "Lanterns", "3a3f8f", "ffd166", DemoBallpark("Pier Seven Park", 10, 8)),
            ("SMO", "Summit Owls", "Owls", "5a5a5a", "a0c4ff", DemoBallpark("Ridgeline Stadium", 12, 12)),
        ),
    ),
}


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _apportion(weights: dict[str, float], total_units: int) -> dict[str, int]:
    """Splits `total_units` over the keys in proportion to `weights` (largest remainder, ties by key order)."""
    weight_sum = sum(weights.values())
    exact = {name: total_units * weight / weight_sum for name, weight in weights.items()}
    units = {name: int(value) for name, value in exact.items()}
    short = total_units - sum(units.values())
    order = sorted(weights, key=lambda name: exact[name] - units[name], reverse=True)
    for name in order[:short]:
        units[name] += 1
    return units


def _scaled_units(mean: dict[str, float], factors: dict[str, float]) -> dict[str, int]:
    """Mean chances of the fields `mean` has, times their factor (kept in 0.2-2.5), in 0.05 units."""
    return {name: round(mean[name] * _clip(factor, 0.2, 2.5) * 20) for name, factor in factors.items() if name in mean}


def _to_chances(units: dict[str, int], fields: tuple[str, ...]) -> dict[str, Decimal]:
    return {name: units[name] * CHANCE_STEP for name in fields}


@dataclass(frozen=True)
class _Skills:
    talent: float
    power: float
    contact: float
    eye: float
    groundball: float


def _batter_row(skills: _Skills, edge: float) -> dict[str, Decimal]:
    """One batting rating row: non-outs scaled by skill, the other outs share what is left of 108."""
    t = skills.talent + edge
    factors = {
        **dict.fromkeys(HOMERUNS, 1 + 0.25 * t + 0.4 * skills.power),
        **dict.fromkeys(EXTRA_BASES, 1 + 0.2 * t + 0.15 * skills.power),
        **dict.fromkeys(SINGLES, 1 + 0.15 * t + 0.15 * skills.contact),
        "hbp": 1.0,
        "walk": 1 + 0.2 * t + 0.3 * skills.eye,
        "strikeout": 1 - 0.1 * t + 0.2 * skills.power - 0.3 * skills.contact,
    }
    units = _scaled_units(BATTER_MEAN, factors)
    tilt = {name: 1 + 0.3 * skills.groundball for name in GROUNDOUTS}
    tilt.update({name: 1 - 0.3 * skills.groundball for name in FLYOUTS})
    outs = {name: BATTER_MEAN[name] * tilt.get(name, 1.0) for name in BATTER_OUT_FIELDS if name != "strikeout"}
    units.update(_apportion(outs, UNITS - sum(units.values())))
    return _to_chances(units, BATTER_FIELDS)


def _pitcher_row(skills: _Skills, edge: float) -> dict[str, Decimal]:
    """One pitching rating row: 29 X-check chances, hits and walks shrinking with talent, outs filling up."""
    t = skills.talent + edge
    factors = {
        **dict.fromkeys(HOMERUNS, 1 - 0.25 * t + 0.2 * skills.power),
        **dict.fromkeys(EXTRA_BASES, 1 - 0.2 * t),
        **dict.fromkeys(SINGLES, 1 - 0.18 * t - 0.1 * skills.contact),
        "hbp": 1 - 0.1 * skills.eye,
        "walk": 1 - 0.15 * t - 0.3 * skills.eye,
        "strikeout": 1 + 0.2 * t + 0.15 * skills.power,
    }
    units = _scaled_units(PITCHER_MEAN, factors)
    xcheck_tilt = {name: 1 + (0.2 if name in INFIELD_XCHECKS else -0.2) * skills.groundball for name in XCHECK_FIELDS}
    units.update(
        _apportion({name: PITCHER_MEAN[name] * xcheck_tilt[name] for name in XCHECK_FIELDS}, int(XCHECK_TOTAL * 20))
    )
    tilt = {name: 1 + (0.3 if name in GROUNDOUTS else -0.3) * skills.groundball for name in PITCHER_OUT_FIELDS}
    outs = {name: PITCHER_MEAN[name] * tilt[name] for name in PITCHER_OUT_FIELDS if name in PITCHER_MEAN}
    outs.pop("strikeout")
    units.update(_apportion(outs, UNITS - sum(units.values())))
    return _to_chances(units, PITCHER_FIELDS)


def _hold(z: float, throw: str) -> int:
    """A pitcher's hold rating from a standard normal draw ``z`` (RULES §8: added to the runner's steal number, so
    higher is worse; league data runs about -5..+9). Most right-handers sit at 0 to +3 with a tail of poor holds
    (the skew), left-handers 1.5 better. With the runners' steal numbers (running 12: 13 to second, 10/36 jumps,
    as the example cards) the AI's worthwhile steals give 0.5-0.7 stolen bases and 0.11-0.12 caught stealing per
    team game in both demo leagues (`manage.py simulate --games 2000 --seed 1 --league pd|sba --json`)."""
    value = HOLD_MEAN + 1.2 * z + 0.3 * (z * z - 1) - (LEFTY_HOLD_EDGE if throw == "L" else 0.0)
    return int(_clip(round(value), -5, 9))


class _Generator:
    def __init__(self, code: str) -> None:
        self.code = code
        self.rng = random.Random(f"{SEED}-{code}")
        self.names: set[str] = set()
        self.serial = 0

    def skills(self, mean_talent: float, spread: float) -> _Skills:
        gauss = self.rng.gauss
        return _Skills(
            talent=_clip(gauss(mean_talent, spread), -2.0, 2.0),
            power=_clip(gauss(0, 0.8), -1.5, 1.5),
            contact=_clip(gauss(0, 0.8), -1.5, 1.5),
            eye=_clip(gauss(0, 0.8), -1.5, 1.5),
            groundball=_clip(gauss(0, 0.8), -1.5, 1.5),
        )

    def name(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in self.names:
                self.names.add(name)
                return name

    def batting_card(self, skills: _Skills, hand: str, running: int) -> DemoBattingCard:
        # RULES §8: a good lead is steal_jump of the 36 lead rolls; like the example cards (running 8: 2/36,
        # 12: 10/36, 15: 14/36), about two steps per point of running above 7.
        jump_steps = int(_clip(2 * (running - 7) + self.rng.randint(-2, 2), 1, 30))
        grade = "ABCD"[int(_clip(1.5 - skills.contact + self.rng.gauss(0, 0.7), 0, 3))]
        bunt = "ABCD"[int(_clip(2 - (running - 12) / 3 + self.rng.gauss(0, 0.7), 0, 3))]
        return DemoBattingCard(
            hand=hand,
            running=running,
            steal_auto=running >= 16,
            steal_jump=(Decimal(jump_steps) / JUMP_STEPS).quantize(Decimal("0.0001")),
            steal_high=int(_clip(running + 1, 5, 18)),
            steal_low=int(_clip(running - 3, 2, 15)),
            bunting=bunt,
            hit_and_run=grade,
            offense_col=self.rng.randint(1, 3),
            ratings={vs: _batter_row(skills, PLATOON[(hand, vs)]) for vs in ("L", "R")},
        )

    def arm(self, position: str, quality: float) -> int:
        """An outfielder's or catcher's arm (negative = better) from his fielding quality. A catcher's arm joins
        the runner's steal number and the pitcher's hold (RULES §8); catchers lean strong (-1 on average, league
        data about -6..+5): a team keeps a catcher who throws."""
        noise = self.rng.gauss(0, 1)
        if position == "C":
            return int(_clip(round(CATCHER_ARM_MEAN - 1.5 * quality + noise), -6, 5))
        return int(_clip(round(-quality * 2 + noise), -5, 4))

    def fielding(self, position: str, skill: float) -> DemoPosition:
        low, high = ERROR_RANGE[position]
        quality = _clip(skill + self.rng.gauss(0, 0.5), -2, 2)  # higher is better
        spread = (2 - quality) / 4  # 0 (best) .. 1 (worst)
        catcher = position == "C"
        return DemoPosition(
            position=position,
            range=int(_clip(round(3 - quality), 1, 5)),
            error=round(low + (high - low) * spread),
            arm=self.arm(position, quality) if position in ARM_POSITIONS else None,
            # RULES §7: a passed ball is chaos 2 (1 in 20 rolls with runners on) then d20 <= passed_ball: about
            # 2 on average gives 0.03-0.12 passed balls per team game.
            passed_ball=int(_clip(round(1 + 2 * spread + 0.7 * self.rng.gauss(0, 1)), 1, 10)) if catcher else None,
            throwing=int(_clip(round(2 + 4 * spread + self.rng.gauss(0, 1)), 1, 10)) if catcher else None,
            innings=self.rng.randint(200, 1300),
        )

    def player(
        self, *, talent: float, positions: tuple[str, ...], cardset: str, pitcher_role: str | None
    ) -> DemoPlayer:
        self.serial += 1
        rng = self.rng
        is_pitcher = pitcher_role is not None
        skills = self.skills(talent, 0.6)
        batting_skills = _Skills(-2.0, -1.2, -1.2, -1.0, 0.3) if is_pitcher else skills
        bat_hand = rng.choices(("R", "L", "S"), weights=(6, 3, 1))[0]
        running = int(_clip(round(12 + rng.gauss(0, 2.2)), 8, 17))
        pitching = None
        fielding: tuple[DemoPosition, ...]
        if pitcher_role is not None:
            throw = rng.choices(("R", "L"), weights=(7, 3))[0]
            bat_hand = throw if rng.random() < 0.8 else "R"
            pitching = DemoPitchingCard(
                hand=throw,
                hold=_hold(rng.gauss(0, 1), throw),
                balk=rng.randint(0, 4),
                # RULES §7: a wild pitch is chaos 1 then d20 <= wild_pitch: 1-15 (mean 8) gives 0.2-0.45 a game.
                wild_pitch=2 * rng.randint(1, 8) - 1,
                starter_rating=rng.randint(5, 7) if pitcher_role == "SP" else None,
                relief_rating=rng.randint(1, 3) if pitcher_role != "SP" else 2,
                closer_rating=rng.randint(3, 5) if pitcher_role == "CP" else None,
                batting=f"#1W{bat_hand}-C",
                ratings={vs: _pitcher_row(skills, PITCHER_PLATOON[(throw, vs)]) for vs in ("L", "R")},
            )
            fielding = (self.fielding("P", skills.talent * 0.5),)
            positions = (pitcher_role,)
        else:
            defence = rng.gauss(0, 0.8)
            fielding = (
                *(self.fielding(position, defence - 0.3 * i) for i, position in enumerate(positions)),
                DemoPosition("DH", range=3, error=0),
            )
            positions = (*positions, "DH")
        rarity = int(_clip(round(2 + skills.talent * 1.5), 0, 5))
        return DemoPlayer(
            external_id=f"demo-{self.code}-{self.serial:04d}",
            name=self.name(),
            positions=positions,
            cardset=cardset,
            rarity=rarity,
            cost=20 + 30 * rarity + rng.randint(0, 25),
            batting=self.batting_card(batting_skills, bat_hand, running),
            pitching=pitching,
            fielding=fielding,
            wara=Decimal(str(round(1 + skills.talent * 1.2, 2))),
            injury_rating=f"{rng.randint(1, 6)}{rng.choice(INJURY_RATINGS)}",
            pitcher_injury=rng.randint(0, 5) if is_pitcher else None,
        )

    def roster(self, cardsets: tuple[DemoCardset, ...]) -> tuple[DemoPlayer, ...]:
        players = []
        for index, (positions, starter) in enumerate(HITTER_SLOTS):
            talent = self.rng.gauss(0.2, 0.7) if starter else self.rng.gauss(-0.5, 0.5)
            cardset = cardsets[index % len(cardsets)].name
            players.append(self.player(talent=talent, positions=positions, cardset=cardset, pitcher_role=None))
        for index, role in enumerate(PITCHER_ROLES):
            talent = self.rng.gauss(0.1 if role == "SP" else -0.1, 0.6)
            cardset = cardsets[index % len(cardsets)].name
            players.append(self.player(talent=talent, positions=(), cardset=cardset, pitcher_role=role))
        return tuple(players)


DEMO_GM_DISCORD_BASE = {"pd": 1000, "sba": 2000}


def demo_league(code: str) -> DemoLeague:
    """The demo data of league `code` ("pd" or "sba"): the same every call."""
    spec = LEAGUES[code]
    generator = _Generator(code)
    teams = tuple(
        DemoTeam(
            external_id=f"demo-{code}-{abbreviation.lower()}",
            abbreviation=abbreviation,
            name=name,
            short_name=short_name,
            color=color,
            dice_color=dice_color,
            ballpark=ballpark,
            players=generator.roster(spec.cardsets),
            gm_discord_id=f"{DEMO_GM_DISCORD_BASE[code] + number}",
        )
        for number, (abbreviation, name, short_name, color, dice_color, ballpark) in enumerate(spec.teams, 1)
    )
    return DemoLeague(
        code=code,
        name=spec.name,
        resolution_mode=spec.resolution_mode,
        injuries=spec.injuries,
        season=spec.season,
        cardsets=spec.cardsets,
        teams=teams,
    )
