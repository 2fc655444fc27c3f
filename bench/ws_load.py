"""WebSocket load benchmark (not a test).

    python bench/ws_load.py --games 20 --period 0.5 --duration 30 [--workers 2] [--layer pubsub|core]

Starts N daphne workers on PostgreSQL + Redis, opens G human-vs-human games x 4 sockets (two managers and two
spectators, real accounts and sessions), and sends each game's next action on a fixed schedule (open loop:
one every --period seconds per game, whatever the server's pace; the games' phases are spread evenly over the
period, as independent players' would be). Reports action -> last-socket-event latency,
errors, actions/s, worker RSS (sampled mid-run), and an echo round trip on /ws/ping/ measured during the load.
Every socket is open (and has its first `state`) before the clock starts; the first --warmup seconds of load
(each worker building the games' setups on first touch) are not measured. Workers run with DEBUG off unless
--debug. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import analyze, django_setup, session_cookie

DEFAULTS = {
    "defense": {"kind": "defense"},
    "offense": {"kind": "offense"},
    "roll": {"kind": "roll"},
    "send": {"kind": "decide", "send": []},
    "throw": {"kind": "decide", "throw": True},
}


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def _cpu_seconds() -> dict[int, tuple[str, float]]:
    """CPU seconds (user + system) used so far by each process of the bench itself, the daphne workers,
    PostgreSQL and Redis, by pid."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {os.getpid(): ("bench", sum(os.times()[:2]))}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if name == "postgres":
            found[int(proc.name)] = ("postgres", seconds)
        elif name == "redis-server":
            found[int(proc.name)] = ("redis", seconds)
        elif b"daphne" in cmdline:
            found[int(proc.name)] = ("workers", seconds)
    return found


def _cpu_used(start: dict[int, tuple[str, float]], end: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds used between two readings by kind of process (a process gone by the end is not counted)."""
    used = {"bench": 0.0, "workers": 0.0, "postgres": 0.0, "redis": 0.0}
    for pid, (kind, seconds) in end.items():
        before = start.get(pid)
        used[kind] += seconds - (before[1] if before is not None and before[0] == kind else 0.0)
    return used


def _create_games(count: int) -> list[dict[str, Any]]:
    from django.conf import settings
    from django.contrib.auth import get_user_model

    # Bench accounts sign in by session cookie only: skip the deliberately slow password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    from games.tests.live_helpers import demo_game, manager

    games = []
    for index in range(count):
        game = demo_game()
        users = {
            "home": manager(game, "home"),
            "away": manager(game, "away"),
            "fan1": get_user_model().objects.create_user(f"fan-{uuid.uuid4().hex[:10]}"),
            "fan2": get_user_model().objects.create_user(f"fan-{uuid.uuid4().hex[:10]}"),
        }
        games.append({"id": str(game.pk), "cookies": {k: session_cookie(u) for k, u in users.items()}, "n": index})
    return games


async def _echo(url: str, origin: str, stop: asyncio.Event, samples: list[float]) -> None:
    from websockets.asyncio.client import connect

    async with connect(url, origin=origin) as socket:  # type: ignore[arg-type]
        while not stop.is_set():
            start = time.perf_counter()
            await socket.send(json.dumps({"type": "ping", "t": start}))
            await socket.recv()
            samples.append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(0.05)


async def _connect(game: dict[str, Any], workers: list[Any], gate: asyncio.Semaphore) -> dict[str, Any]:
    """The game's four sockets (spread over the workers), each past its first `state`."""
    from websockets.exceptions import InvalidHandshake

    from realtime.client import GameClient

    clients = {}
    for index, (name, cookie) in enumerate(game["cookies"].items()):
        worker = workers[(game["n"] + index) % len(workers)]
        url = f"{worker.ws_url}/ws/games/{game['id']}/"
        async with gate:
            for attempt in range(3):  # a handshake the busy worker timed out is tried again
                try:
                    clients[name] = await GameClient.open(
                        name, url, origin=f"http://127.0.0.1:{worker.port}", cookie=cookie
                    )
                    break
                except (OSError, InvalidHandshake):
                    if attempt == 2:
                        raise
                    await asyncio.sleep(1)
            for attempt in range(3):  # a first `state` a saturated box took too long to send is asked again
                try:
                    await clients[name].hello()
                    break
                except TimeoutError:
                    if attempt == 2:
                        raise
    return clients


async def _game_loop(
    game: dict[str, Any], clients: dict[str, Any], args: argparse.Namespace, out: dict[str, Any]
) -> None:
    sent: list[tuple[float, int]] = []
    start = out["t0"] + game["n"] * args.period / args.games  # games' phases spread evenly over one period
    tick = last = 0
    try:
        while time.perf_counter() - out["t0"] < args.warmup + args.duration:
            due = start + tick * args.period
            tick += 1
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            try:
                await clients["home"].wait_for(lambda v=last: clients["home"].version >= v, timeout=10)
            except TimeoutError:
                out["errors"] += 1
                continue
            summary = clients["home"].summary
            actor, phase = summary.get("actor"), summary.get("phase")
            if actor is None:
                break
            version = clients["home"].version
            t_send = time.perf_counter()
            try:
                reply = await clients[actor].act(DEFAULTS[phase], version, timeout=10)
            except TimeoutError:
                out["errors"] += 1
                continue
            if reply.get("code") == "busy":  # refused at once, nothing applied: back off as told, then go on
                out["refused"] += 1
                out["refusal_ms"].append((time.perf_counter() - t_send) * 1000)
                await asyncio.sleep(reply.get("retry_after_ms", 500) / 1000)
                continue
            if reply["type"] != "ack":
                out["errors"] += 1
                out.setdefault("error_codes", []).append(reply.get("code"))
                continue
            sent.append((t_send, reply["version"]))
            last = reply["version"]
        waits = (c.wait_for(lambda c=c: c.version >= last, timeout=5) for c in clients.values())
        await asyncio.gather(*waits, return_exceptions=True)
    finally:
        for t_send, version in sent:
            if t_send - out["t0"] < args.warmup:
                continue
            times = [c.event_times.get(version) for c in clients.values()]
            if None in times:
                out["errors"] += 1
                continue
            latency = (max(t for t in times if t is not None) - t_send) * 1000
            out["latencies"].append(latency)
            out.setdefault("samples", []).append((round(t_send - out["t0"], 3), game["n"], version, round(latency, 2)))


async def _spectator(game: dict[str, Any], worker: Any, gate: asyncio.Semaphore, crowd: dict[str, Any]) -> None:
    """One anonymous spectator socket (no retry: a failed handshake is counted), past its first `state`."""
    from realtime.client import GameClient

    async with gate:
        start = time.perf_counter()
        try:
            client = await GameClient.open(
                "spectator", f"{worker.ws_url}/ws/games/{game['id']}/", origin=f"http://127.0.0.1:{worker.port}"
            )
            await asyncio.wait_for(client.hello(), 30)
        except Exception as exc:  # noqa: BLE001 - counted and reported by kind
            crowd["failed"].append(type(exc).__name__)
            return
        crowd["open_ms"].append((time.perf_counter() - start) * 1000)
        crowd["clients"].append((game, client))


async def _crowd(
    args: argparse.Namespace, workers: list[Any], games: list[dict[str, Any]], gate: asyncio.Semaphore
) -> dict[str, Any]:
    """--spectators sockets over the first --spectator-games games, spread over the workers."""
    crowd: dict[str, Any] = {"failed": [], "open_ms": [], "clients": []}
    watched = games[: max(1, min(args.spectator_games, len(games)))]
    start = time.perf_counter()
    await asyncio.gather(
        *(_spectator(watched[i % len(watched)], workers[i % len(workers)], gate, crowd) for i in range(args.spectators))
    )
    crowd["seconds"] = time.perf_counter() - start
    print(
        f"{len(crowd['clients'])} of {args.spectators} spectator sockets open in {crowd['seconds']:.1f}s "
        f"on {len(watched)} games, {len(crowd['failed'])} failed",
        flush=True,
    )
    return crowd


async def _run(args: argparse.Namespace, workers: list[Any], games: list[dict[str, Any]]) -> dict[str, Any]:
    gate = asyncio.Semaphore(args.connect_concurrency)
    connect_start = time.perf_counter()
    sockets = await asyncio.gather(*(_connect(game, workers, gate) for game in games))
    print(f"{4 * len(games)} sockets open in {time.perf_counter() - connect_start:.1f}s", flush=True)
    crowd = await _crowd(args, workers, games, gate) if args.spectators else None
    # The load generator's own heap (games, accounts, sockets) out of its collector's passes: its full collections
    # would otherwise stall every client at once and show as server latency.
    gc.collect()
    gc.freeze()
    out: dict[str, Any] = {"latencies": [], "errors": 0, "refused": 0, "refusal_ms": [], "t0": time.perf_counter()}
    stop = asyncio.Event()
    echo: list[float] = []
    echo_task = asyncio.create_task(
        _echo(f"{workers[0].ws_url}/ws/ping/", f"http://127.0.0.1:{workers[0].port}", stop, echo)
    )
    loops = [_game_loop(game, clients, args, out) for game, clients in zip(games, sockets, strict=True)]
    rss_task = asyncio.create_task(_rss_at_half(args.warmup + args.duration / 2, workers, out))
    cpu_task = asyncio.create_task(_cpu_at(args.warmup, out))
    await asyncio.gather(*loops)
    elapsed = time.perf_counter() - out["t0"] - args.warmup
    cpu_end = _cpu_seconds()
    cpu_start = await cpu_task
    out["cpu"] = _cpu_used(cpu_start, cpu_end)
    await rss_task
    if crowd is not None:  # did every spectator get every version its game reached?
        lagging = 0
        for game, client in crowd["clients"]:
            last = max(c.version for c in sockets[game["n"]].values())
            try:
                await client.wait_for(lambda c=client, v=last: c.version >= v, timeout=5)
            except TimeoutError:
                lagging += 1
        out["crowd"] = {
            "open": len(crowd["clients"]),
            "failed": len(crowd["failed"]),
            "failed_kinds": sorted(set(crowd["failed"])),
            "open_seconds": round(crowd["seconds"], 1),
            "open_p50_ms": round(_percentile(crowd["open_ms"], 0.5), 1),
            "open_p99_ms": round(_percentile(crowd["open_ms"], 0.99), 1),
            "behind_at_end": lagging,
        }
        await asyncio.gather(*(client.close() for _, client in crowd["clients"]))
    await asyncio.gather(*(client.close() for clients in sockets for client in clients.values()))
    stop.set()
    await echo_task
    out.update(elapsed=elapsed, echo=echo)
    return out


async def _rss_at_half(delay: float, workers: list[Any], out: dict[str, Any]) -> None:
    """Worker RSS sampled mid-run, while every socket is open."""
    await asyncio.sleep(delay)
    out["rss"] = [_rss_mb([w.process.pid]) for w in workers]


async def _cpu_at(delay: float, out: dict[str, Any]) -> dict[int, tuple[str, float]]:
    """CPU seconds used so far, read when the measured window opens."""
    await asyncio.sleep(max(0.0, out["t0"] + delay - time.perf_counter()))
    return _cpu_seconds()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--games", type=int, default=10)
    parser.add_argument("--period", type=float, default=0.5, help="seconds between actions of one game")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds measured, after the warm-up")
    parser.add_argument(
        "--warmup", type=float, default=5.0, help="seconds of load first, not measured (each worker builds setups)"
    )
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--layer", choices=["pubsub", "core"], default="pubsub", help="channels-redis layer (CHANNEL_LAYER)"
    )
    parser.add_argument("--connect-concurrency", type=int, default=50, help="sockets opening at once")
    parser.add_argument("--debug", action="store_true", help="run the workers with DEBUG=1 (query logging)")
    parser.add_argument(
        "--spectators", type=int, default=0, help="extra anonymous spectator sockets, opened after the games' own"
    )
    parser.add_argument(
        "--spectator-games", type=int, default=1, help="the spectators watch the first this many games, evenly"
    )
    args = parser.parse_args()
    os.environ["CHANNEL_LAYER"] = args.layer
    os.environ["SCORECARD_WS_RATE"] = "1000"
    os.environ["SCORECARD_WS_BURST"] = "1000"
    # Every bench socket comes from 127.0.0.1: lift the per-IP (and per-user) socket and message limits
    # (realtime.limits) for the workers, which inherit this environment, or the load is refused as rate_limited.
    for name in ("IP_SOCKETS", "USER_SOCKETS", "IP_MESSAGES", "USER_MESSAGES", "IP_ACTIONS", "USER_ACTIONS"):
        os.environ[f"SCORECARD_WS_{name}"] = "1000000"
    django_setup()
    from scorecard.tests.servers import start_daphne

    games = _create_games(args.games)
    analyze()
    log_dir = Path(os.environ.get("BENCH_LOG_DIR", "/tmp"))
    worker_env = {"DEBUG": "1" if args.debug else "0"}
    workers = [start_daphne(log_dir, env=worker_env) for _ in range(args.workers)]
    try:
        out = asyncio.run(_run(args, workers, games))
    finally:
        for worker in workers:
            try:
                worker.kill(15)
            except subprocess.TimeoutExpired:  # thousands of sockets to close: do not wait for it
                worker.kill(9)
    latencies, echo = out["latencies"], out["echo"]
    result = {
        "games": args.games,
        "workers": args.workers,
        "layer": args.layer,
        "actions": len(latencies),
        "p50_ms": round(_percentile(latencies, 0.5), 2),
        "p90_ms": round(_percentile(latencies, 0.9), 2),
        "p99_ms": round(_percentile(latencies, 0.99), 2),
        "errors": out["errors"],
        "refused_busy": out["refused"],
        "refusal_p99_ms": round(_percentile(out["refusal_ms"], 0.99), 2) if out["refusal_ms"] else None,
        "offered_per_s": round(args.games / args.period, 1),
        "actions_per_s": round(len(latencies) / out["elapsed"], 1),
        "rss_mb": round(sum(out["rss"]), 1),
        "rss_mb_per_worker": [round(mb, 1) for mb in out["rss"]],
        "echo_p50_ms": round(statistics.median(echo), 2) if echo else None,
    }
    result["ratio_p50"] = round(result["p50_ms"] / result["echo_p50_ms"], 1) if result["echo_p50_ms"] else None
    # Where the two cores went during the measured window: CPU milliseconds per measured action.
    result["cpu_ms_per_action"] = {
        name: round(1000 * seconds / max(1, len(latencies)), 2) for name, seconds in out["cpu"].items()
    }
    print(f"{result['actions']} actions, {out['elapsed']:.1f}s, {args.games} games x 4 sockets, {args.workers} workers")
    print(f"action -> last socket event: p50 {result['p50_ms']}  p90 {result['p90_ms']}  p99 {result['p99_ms']} ms")
    per_worker = ", ".join(f"{mb} MB" for mb in result["rss_mb_per_worker"])
    print(f"errors {result['errors']}  actions/s {result['actions_per_s']}  worker RSS {per_worker}")
    print(f"echo p50 {result['echo_p50_ms']} ms  ratio {result['ratio_p50']}")
    print("CPU ms per action: " + ", ".join(f"{k} {v}" for k, v in result["cpu_ms_per_action"].items()))
    if out["refused"]:
        print(f"refused busy {out['refused']} (p99 {result['refusal_p99_ms']} ms to the refusal)")
    if "crowd" in out:
        result["crowd"] = out["crowd"]
        print(f"spectators: {out['crowd']}")
    if out.get("error_codes"):
        print(f"error codes: {sorted(set(out['error_codes']))}")
    if os.environ.get("BENCH_SAMPLES"):
        Path(os.environ["BENCH_SAMPLES"]).write_text(json.dumps(sorted(out.get("samples", []))))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
