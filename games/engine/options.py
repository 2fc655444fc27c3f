"""League options (RULES.md *[league option]*): passed into the engine, never hard-coded in it."""

from __future__ import annotations

from dataclasses import dataclass, field

from games.engine.enums import Position, ResolutionMode

P, C, B1, B2, B3, SS = (
    Position.P,
    Position.C,
    Position.FIRST_BASE,
    Position.SECOND_BASE,
    Position.THIRD_BASE,
    Position.SHORTSTOP,
)
LF, CF, RF = Position.LEFT_FIELD, Position.CENTER_FIELD, Position.RIGHT_FIELD
_MIRROR = {B1: B3, B3: B1, SS: B2, B2: SS, LF: RF, RF: LF}


def _expand(bands: tuple[tuple[int, Position], ...]) -> tuple[Position, ...]:
    faces: list[Position] = []
    for high, position in bands:
        faces.extend([position] * (high - len(faces)))
    if len(faces) != 20:
        raise ValueError(f"a location table must cover d20 faces 1-20, covers {len(faces)}")
    return tuple(faces)


@dataclass(frozen=True, slots=True)
class LocationTable:
    """Where a ball without a printed fielder goes, for a right-handed batter: (highest d20, fielder) bands.
    A left-handed batter mirrors it (1B↔3B, SS↔2B, LF↔RF)."""

    groundball: tuple[tuple[int, Position], ...] = ((6, B3), (13, SS), (17, B2), (19, B1), (20, P))
    flyball: tuple[tuple[int, Position], ...] = ((8, LF), (15, CF), (20, RF))
    _faces: dict[tuple[bool, bool], tuple[Position, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ground, fly = _expand(self.groundball), _expand(self.flyball)
        faces = {
            (True, False): ground,
            (False, False): fly,
            (True, True): tuple(_MIRROR.get(p, p) for p in ground),
            (False, True): tuple(_MIRROR.get(p, p) for p in fly),
        }
        object.__setattr__(self, "_faces", faces)

    def fielder(self, *, ground: bool, lefty: bool, d20: int) -> Position:
        """The fielder for a location d20.

        >>> LocationTable().fielder(ground=True, lefty=True, d20=1)
        <Position.FIRST_BASE: '1B'>
        """
        return self._faces[ground, lefty][d20 - 1]


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
