"""League options (RULES.md *[league option]*): passed into the engine, never hard-coded in it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from games.engine.enums import B1, B2, B3, CF, LF, RF, SS, P, Position, ResolutionMode

_MIRROR = {B1: B3, B3: B1, SS: B2, B2: SS, LF: RF, RF: LF}


def _expand(bands: tuple[tuple[int, Position], ...]) -> tuple[Position, ...]:
    faces: list[Position] = []
    for high, position in bands:
        faces.extend([position] * (high - len(faces)))
    return tuple(faces)


def _mirror(faces: tuple[Position, ...]) -> tuple[Position, ...]:
    return tuple(_MIRROR.get(p, p) for p in faces)


_GROUND_R = _expand(((6, B3), (13, SS), (17, B2), (19, B1), (20, P)))
_FLY_R = _expand(((8, LF), (15, CF), (20, RF)))


@dataclass(frozen=True, slots=True)
class LocationTable:
    """Where a ball without a printed fielder goes: the fielder for each location d20 face (1-20), by kind
    of ball and batting side. Default (RULES §2): right-handed groundball 1-6 3B, 7-13 SS, 14-17 2B, 18-19 1B,
    20 P; flyball 1-8 LF, 9-15 CF, 16-20 RF; left-handed mirrored (1B<->3B, SS<->2B, LF<->RF)."""

    groundball_right: tuple[Position, ...] = _GROUND_R
    groundball_left: tuple[Position, ...] = _mirror(_GROUND_R)
    flyball_right: tuple[Position, ...] = _FLY_R
    flyball_left: tuple[Position, ...] = _mirror(_FLY_R)

    def __post_init__(self) -> None:
        for name in ("groundball_right", "groundball_left", "flyball_right", "flyball_left"):
            faces = getattr(self, name)
            if len(faces) != 20 or Position.DH in faces:
                raise ValueError(f"location table {name} must list 20 fielding positions")

    @classmethod
    def from_mapping(cls, tables: Mapping[str, Mapping[str, Sequence[str]]]) -> LocationTable:
        """From ``{"groundball": {"R": [20 positions], "L": [...]}, "flyball": {...}}``."""
        try:
            return cls(
                *(
                    tuple(Position(code) for code in tables[kind][side])
                    for kind in ("groundball", "flyball")
                    for side in ("R", "L")
                )
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"location tables need groundball and flyball lists for R and L: {exc}") from exc

    def fielder(self, *, ground: bool, lefty: bool, d20: int) -> Position:
        """The fielder for a location d20.

        >>> LocationTable().fielder(ground=True, lefty=True, d20=1)
        <Position.FIRST_BASE: '1B'>
        """
        if ground:
            return (self.groundball_left if lefty else self.groundball_right)[d20 - 1]
        return (self.flyball_left if lefty else self.flyball_right)[d20 - 1]


@dataclass(frozen=True, slots=True)
class Ballpark:
    """Ballpark check numbers (RULES §4.5): d20 ≤ number → the ball goes through."""

    homerun: int = 10
    single: int = 10


@dataclass(frozen=True, slots=True)
class RuleOptions:
    """A league's rule options with the rule book's defaults."""

    innings: int = 9
    dh: bool = True
    extra_inning_runner: bool = False
    mercy_runs: int | None = None
    mercy_after_inning: int = 7
    resolution: ResolutionMode = ResolutionMode.AUTO
    decision_seconds: int = 60
    location: LocationTable = field(default_factory=LocationTable)
    park: Ballpark = field(default_factory=Ballpark)
    injuries: bool = False
    rare_plays: bool = True
    out_of_position: bool = True
    win_table: str = ""
    """The league whose win-expectancy table WPA reads (``data/win_expectancy_<code>.json``; "": the default)."""
    """RULES §12: a fielder at a position his card has no rating for plays it with the out-of-position ratings
    (off: league average)."""

    def __post_init__(self) -> None:
        if self.innings < 1:
            raise ValueError("a game needs at least one inning")
        if self.mercy_runs is not None and self.mercy_runs < 1:
            raise ValueError("the mercy rule needs a positive run lead")

    @classmethod
    def pd(cls) -> RuleOptions:
        """Paper Dynasty: numeric cards, auto resolution."""
        return cls()

    @classmethod
    def sba(cls) -> RuleOptions:
        """SBA: physical cards, manual resolution, injuries on."""
        return cls(resolution=ResolutionMode.MANUAL, injuries=True)
