"""What-if benchmark (not a test, not production code): how much two engine hot spots cost, measured by patching
prototypes of their fixes into a running engine. Each variant runs in a fresh process.

    python bench/engine_what_if.py --games 300

Variants: ``base``; ``replace`` (a slots-aware ``dataclasses.replace`` in games.engine.game); ``enum_hash``
(identity hashes for the engine's enums, whose ``Enum.__hash__`` is Python code); ``both``.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
VARIANTS = ("base", "replace", "enum_hash", "both")


def _identity_enum_hashes() -> None:
    import games.engine.enums as enums

    for value in vars(enums).values():
        if isinstance(value, type) and issubclass(value, enum.Enum) and not issubclass(value, int):
            value.__hash__ = object.__hash__  # type: ignore[method-assign]
    for name, module in list(sys.modules.items()):
        if name.startswith("games."):
            for key, value in list(vars(module).items()):
                if type(value) is dict:
                    setattr(module, key, {k: v for k, v in value.items()})
                elif type(value) in (set, frozenset):
                    setattr(module, key, type(value)(list(value)))


def _slots_replace() -> None:
    import games.engine.game as game

    names: dict[type, tuple[str, ...]] = {}
    new, set_attr = object.__new__, object.__setattr__

    def replace(obj: Any, **changes: Any) -> Any:
        cls = obj.__class__
        fields = names.get(cls)
        if fields is None:
            fields = names[cls] = tuple(f.name for f in dataclasses.fields(cls))
        copy = new(cls)
        for name in fields:
            set_attr(copy, name, changes[name] if name in changes else getattr(obj, name))
        return copy

    game.replace = replace  # type: ignore[attr-defined]  # patches the name game.py imported from dataclasses


def run_variant(variant: str, games: int) -> None:
    if variant in ("enum_hash", "both"):
        _identity_enum_hashes()
    if variant in ("replace", "both"):
        _slots_replace()
    from games.simulation import sim_league, simulate_league

    sim_league("pd")
    simulate_league("pd", 20, 2)
    best = 0.0
    for _ in range(3):
        start = time.process_time()
        run = simulate_league("pd", games, 1)
        best = max(best, run.totals["pa"] / (time.process_time() - start))
    print(f"{variant:<10} {best:>10,.0f} PA/s (CPU, best of 3)  runs={run.totals['runs']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--games", type=int, default=300)
    parser.add_argument("--variant", choices=VARIANTS)
    args = parser.parse_args()
    if args.variant:
        run_variant(args.variant, args.games)
        return
    for variant in VARIANTS:
        subprocess.run([sys.executable, __file__, "--games", str(args.games), "--variant", variant], check=True)


if __name__ == "__main__":
    main()
