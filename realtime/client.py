"""A small asyncio client for the game protocol (tests and benchmarks): one socket, a reader task that files
every message, helpers to wait for state, acks and versions."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect


@dataclass
class GameClient:
    name: str
    socket: ClientConnection
    events: list[dict[str, Any]] = field(default_factory=list)
    event_times: dict[int, float] = field(default_factory=dict)
    others: list[dict[str, Any]] = field(default_factory=list)
    state: dict[str, Any] | None = None
    acks: dict[str, dict[str, Any]] = field(default_factory=dict)
    version: int = -1
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _reader: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, name: str, url: str, *, origin: str, cookie: str | None = None) -> GameClient:
        headers = {"Cookie": cookie} if cookie else {}
        socket = await connect(url, origin=origin, additional_headers=headers, max_size=2**22)  # type: ignore[arg-type]
        client = cls(name, socket)
        client._reader = asyncio.create_task(client._read())
        return client

    async def _read(self) -> None:
        try:
            async for raw in self.socket:
                message = json.loads(raw)
                kind = message.get("type")
                if kind == "event":
                    self.events.append(message)
                    self.event_times[message["version"]] = time.perf_counter()
                    self.version = max(self.version, message["version"])
                elif kind == "state":
                    self.state = message
                    self.version = message["version"]
                elif kind in ("ack", "error") and message.get("action_id"):
                    self.acks[message["action_id"]] = message
                else:
                    self.others.append(message)
                self._changed.set()
        except Exception:  # noqa: BLE001 - the connection ended; waiters time out
            self._changed.set()

    async def wait_for(self, predicate: Any, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{self.name}: condition not met (version {self.version})")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                continue

    async def hello(self, last_version: int | None = None) -> None:
        self.state = None
        await self.socket.send(json.dumps({"type": "hello", "last_version": last_version}))
        if last_version is None:
            await self.wait_for(lambda: self.state is not None)

    async def act(
        self, body: dict[str, Any], expected_version: int, action_id: str | None = None, timeout: float = 10.0
    ) -> dict[str, Any]:
        """Sends an action and returns its ack or error."""
        action_id = action_id or str(uuid.uuid4())
        message = {"type": "action", "action_id": action_id, "expected_version": expected_version, "action": body}
        await self.socket.send(json.dumps(message))
        await self.wait_for(lambda: action_id in self.acks, timeout)
        return self.acks[action_id]

    @property
    def summary(self) -> dict[str, Any]:
        """The latest public game summary this client has seen."""
        if self.events and (self.state is None or self.events[-1]["version"] >= self.state["version"]):
            return dict(self.events[-1]["game"])
        assert self.state is not None
        return dict(self.state["game"])

    async def close(self) -> None:
        await self.socket.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
