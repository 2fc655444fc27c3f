"""Channels consumers: thin, each message parsed and handed to a service or a selector."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from autobahn.exception import Disconnected
from channels.consumer import get_handler_name
from channels.db import DatabaseSyncToAsync, database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer
from django.conf import settings
from django.db import connections

from api.client_ip import scope_client_ip
from games.access import Role, Viewer, game_viewer
from games.engine import Side
from games.errors import GameError, IllegalActionError, VersionConflict
from games.events import MAX_EVENT_GAP, event_text, forget_actions, game_group, message_text, recent_actions
from games.selectors import game_events_after, game_presence, game_snapshot, game_version
from games.services import (
    ActionResult,
    dispute_raise,
    game_apply_action,
    game_claim_forfeit,
    game_forfeit_by_player,
    game_set_auto,
)
from realtime import collector
from realtime.admission import admission, retry_after_ms
from realtime.limits import SocketLimits
from realtime.log import describe, error_id, log, user_id_of
from realtime.presence import presence_heartbeat, presence_join, presence_leave
from realtime.protocol import (
    ActionKind,
    ActionRequest,
    Chat,
    DisputeRequest,
    ErrorCode,
    Hello,
    ProtocolError,
    parse_client_message,
)
from realtime.ratelimit import TokenBucket

CHAT_RATE, CHAT_BURST = 0.5, 5
CLOSE_FORBIDDEN, CLOSE_NOT_FOUND, CLOSE_RATE_LIMITED = 4403, 4404, 4429
# The cross-socket limits of this process's open sockets, refreshed with the presence heartbeat.
_OPEN_LIMITS: set[SocketLimits] = set()
SERVER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
_heartbeat: asyncio.Task[None] | None = None
# Actions, snapshots and handshakes run on a small pool rather than the one thread-sensitive thread, so one game's
# database round trips (lock, writes, commit) do not hold up the others; each pool thread has its own connection
# and the game row lock orders actions of one game. SCORECARD_WS_DB_THREADS sets its size.
_GAME_THREADS = ThreadPoolExecutor(
    max_workers=int(os.environ.get("SCORECARD_WS_DB_THREADS", "4")), thread_name_prefix="game-db"
)


def _in_pool(func: Any) -> Any:
    return DatabaseSyncToAsync(func, thread_sensitive=False, executor=_GAME_THREADS)


def close_pool_connections(timeout: float = 10.0) -> None:
    """Closes the database connection of every pool thread (each runs one closing task at the same time); for
    tests, whose database must be dropped at the end."""
    size = _GAME_THREADS._max_workers
    everyone = threading.Barrier(size, timeout=timeout)

    def close() -> None:
        everyone.wait()
        connections.close_all()

    for done in [_GAME_THREADS.submit(close) for _ in range(size)]:
        done.result(timeout)


async def _beat() -> None:
    while True:
        await asyncio.sleep(settings.SCORECARD_PRESENCE_HEARTBEAT_SECONDS)
        try:
            await database_sync_to_async(presence_heartbeat)(server=SERVER_ID)
            for limits in list(_OPEN_LIMITS):
                await limits.refresh()
        except Exception:  # noqa: BLE001 - a missed beat is retried; the row only ages
            continue


def _ensure_heartbeat() -> None:
    """One task per worker process refreshes `seen_at` of the connections it holds."""
    global _heartbeat
    if _heartbeat is None or _heartbeat.done():
        _heartbeat = asyncio.get_running_loop().create_task(_beat())
    collector.ensure_running()


class PingConsumer(AsyncJsonWebsocketConsumer):
    """Echoes `{"type": "ping", ...}` back as `pong`: a liveness probe and the echo baseline for benchmarks."""

    async def receive_json(self, content: object, **kwargs: object) -> None:
        if not isinstance(content, dict) or content.get("type") != "ping":
            await self.send_json({"type": "error", "code": "bad_message", "message": 'expected {"type": "ping"}'})
            return
        await self.send_json({**content, "type": "pong"})


def _join(game_id: str, channel_name: str, user: Any, role: str) -> None:
    presence_join(game_id=game_id, channel_name=channel_name, user=user, role=role, server=SERVER_ID)


# A join or leave sends the room's `presence` to the whole group; the joins and leaves of one game on this worker
# within PRESENCE_COALESCE_SECONDS share one read and one message. Sent on every join, a crowd of N sockets
# opening at once cost N reads and N²/2 sends (bench/ws_load.py --spectators; docs/live-play.md).
PRESENCE_COALESCE_SECONDS = 0.25
_presence_due: dict[str, asyncio.Task[None]] = {}


async def _send_presence(layer: Any, game_id: str, group: str) -> None:
    await asyncio.sleep(PRESENCE_COALESCE_SECONDS)
    del _presence_due[game_id]  # a join committed after this point schedules the next message
    presence = await database_sync_to_async(game_presence)(game_id=game_id)
    await layer.group_send(group, {"type": "game.presence", "presence": presence})


def _presence_soon(layer: Any, game_id: str, group: str) -> None:
    due = _presence_due.get(game_id)
    if due is None or due.done() or due.get_loop() is not asyncio.get_running_loop():
        _presence_due[game_id] = asyncio.get_running_loop().create_task(_send_presence(layer, game_id, group))


def _set_auto(request: ActionRequest, user: Any, game_id: str) -> ActionResult:
    """`{"kind": "auto_sides", "side": "away"|"home", "on": true|false}`: the side's routine decisions played by the
    server, or given back; answered with the game's version after any answers it made at once."""
    body = request.body
    side, on = body.get("side"), body.get("on")
    if set(body) != {"side", "on"} or side not in ("away", "home") or not isinstance(on, bool):
        raise IllegalActionError('auto takes {"side": "away" or "home", "on": true or false}')
    version = game_set_auto(game_id=game_id, user=user, side=Side(side), auto=on)
    return ActionResult(request.action_id, version)


def _apply(request: ActionRequest, user: Any, game_id: str) -> Any:
    if request.kind is ActionKind.AUTO_SIDES:
        return _set_auto(request, user, game_id)
    common = {"game_id": game_id, "user": user, "action_id": request.action_id}
    if request.kind is ActionKind.CLAIM_FORFEIT:
        return game_claim_forfeit(**common, expected_version=request.expected_version)
    if request.kind is ActionKind.FORFEIT and "side" not in request.body:
        return game_forfeit_by_player(**common, expected_version=request.expected_version)
    return game_apply_action(
        **common, action={"kind": str(request.kind), **request.body}, expected_version=request.expected_version
    )


class GameConsumer(AsyncWebsocketConsumer):
    """`/ws/games/<game_id>/` (ARCHITECTURE.md "Real-time protocol"). Sends each recipient the versions it has
    not been sent, in order; a channel-layer message only says which version exists."""

    viewer: Viewer
    sent: int | None = None

    async def connect(self) -> None:
        self.game_id = str(self.scope["url_route"]["kwargs"]["game_id"])
        self.user = self.scope.get("user")
        rate, burst = settings.SCORECARD_WS_RATE
        self.bucket = TokenBucket(rate_per_s=rate, burst=burst)
        self.chat_bucket = TokenBucket(rate_per_s=CHAT_RATE, burst=CHAT_BURST)
        try:
            self.viewer = await _in_pool(game_viewer)(game_id=self.game_id, user=self.user)
        except GameError as error:
            await self.close(code=CLOSE_NOT_FOUND if error.code == "not_found" else CLOSE_FORBIDDEN)
            return
        self.limits = SocketLimits(
            user_id=user_id_of(self.user), ip=scope_client_ip(self.scope), member=self.channel_name
        )
        over = await self.limits.open()
        if over:
            await self.accept()
            who = "this account" if over == "user" else "this address"
            await self.send_error("", ErrorCode.RATE_LIMITED, f"too many open sockets for {who}")
            log.info("ws.refused", reason="sockets", over=over, game_id=self.game_id, user_id=user_id_of(self.user))
            await self.close(code=CLOSE_RATE_LIMITED)
            return
        _OPEN_LIMITS.add(self.limits)
        self.group = game_group(self.game_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        _ensure_heartbeat()
        await database_sync_to_async(_join)(self.game_id, self.channel_name, self.user, self.viewer.role.value)
        _presence_soon(self.channel_layer, self.game_id, self.group)

    async def disconnect(self, code: int) -> None:
        if not hasattr(self, "group"):
            return
        _OPEN_LIMITS.discard(self.limits)
        await self.limits.close()
        await self.channel_layer.group_discard(self.group, self.channel_name)
        await database_sync_to_async(presence_leave)(channel_name=self.channel_name)
        _presence_soon(self.channel_layer, self.game_id, self.group)

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Channels' dispatch without its hop to the one sync thread before every message to close stale database
        connections: every database call here runs through DatabaseSyncToAsync, which closes them in its thread."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"no handler for message type {message['type']}")
        await handler(message)

    async def send_json(self, content: dict[str, Any]) -> None:
        await self.send(text_data=message_text(content))

    async def send(  # type: ignore[override]  # the websocket consumer's send, not AsyncConsumer's raw message send
        self, text_data: str | None = None, bytes_data: bytes | None = None, close: bool = False
    ) -> None:
        """A client that went away is not an error: a send to its closed socket is dropped (the disconnect
        follows)."""
        try:
            await super().send(text_data=text_data, bytes_data=bytes_data, close=close)
        except Disconnected:
            log.debug("ws.send_after_close", game_id=getattr(self, "game_id", None), user_id=user_id_of(self.user))

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Every frame gets an answer and none closes the socket: a refused one an `error` with its code, an
        unexpected failure `error` {code: internal, error_id} and one log line with that id."""
        try:
            await self.handle(text_data if text_data is not None else bytes_data or b"")
        except Exception as exc:  # noqa: BLE001 - the socket outlives a failed message
            failure = error_id()
            log.error(
                "ws.message_failed",
                error_id=failure,
                game_id=self.game_id,
                user_id=user_id_of(self.user),
                error=describe(exc),
            )
            log.debug("ws.message_failed.traceback", error_id=failure, exc_info=exc)
            body = ProtocolError(
                ErrorCode.INTERNAL, f"the server failed to handle this message (error {failure})"
            ).as_message()
            await self.send_json({**body, "error_id": failure})

    async def handle(self, raw: str | bytes) -> None:
        if not self.bucket.allow() or await self.limits.allow("messages"):
            await self.send_json(ProtocolError(ErrorCode.RATE_LIMITED, "too many messages; slow down").as_message())
            return
        try:
            message = parse_client_message(raw)
        except ProtocolError as error:
            await self.send_json(error.as_message())
            return
        if isinstance(message, Hello):
            await self.hello(message)
        elif isinstance(message, ActionRequest):
            await self.action(message)
        elif isinstance(message, Chat):
            await self.chat(message)
        elif isinstance(message, DisputeRequest):
            await self.dispute(message)

    async def hello(self, message: Hello) -> None:
        current = await database_sync_to_async(game_version)(game_id=self.game_id)
        last = message.last_version
        if last is not None and last <= current and current - last <= MAX_EVENT_GAP:
            self.sent = last
            await self.push(current, from_memory=False)
            return
        snapshot = await _in_pool(game_snapshot)(game_id=self.game_id, viewer=self.viewer)
        self.sent = snapshot["version"]
        await self.send_json(snapshot)

    async def action(self, request: ActionRequest) -> None:
        if self.viewer.role is Role.SPECTATOR:
            await self.send_error(request.action_id, ErrorCode.FORBIDDEN, "spectators cannot act")
            return
        if await self.limits.allow("actions"):
            await self.send_error(request.action_id, ErrorCode.RATE_LIMITED, "too many actions; slow down")
            return
        if not admission.enter(self.game_id):
            await self.send_json(
                {
                    "type": "error",
                    "action_id": request.action_id,
                    "code": str(ErrorCode.BUSY),
                    "message": "the server is busy; nothing was applied, try again shortly",
                    "retry_after_ms": retry_after_ms(),
                }
            )
            return
        try:
            result = await _in_pool(_apply)(request, self.user, self.game_id)
        except VersionConflict as error:
            await self.send_error(request.action_id, ErrorCode.VERSION_CONFLICT, error.message, error.current_version)
            return
        except GameError as error:
            await self.send_error(request.action_id, ErrorCode(str(error.code)), error.message)
            return
        finally:
            admission.leave(self.game_id)
        await self.send_json({"type": "ack", "action_id": result.action_id, "version": result.version})
        await self.push(result.version)

    async def send_error(self, action_id: str, code: ErrorCode, message: str, version: int | None = None) -> None:
        body: dict[str, Any] = {"type": "error", "action_id": action_id, "code": str(code), "message": message}
        if version is not None:
            body["version"] = version
        await self.send_json(body)

    async def chat(self, message: Chat) -> None:
        if self.viewer.user_id is None or self.user is None:
            await self.send_error("", ErrorCode.FORBIDDEN, "log in to chat")
            return
        if not self.chat_bucket.allow():
            await self.send_error("", ErrorCode.RATE_LIMITED, "chat is limited to a message every two seconds")
            return
        if await self.limits.allow("chats"):
            await self.send_error("", ErrorCode.RATE_LIMITED, "too many chat messages from this account or address")
            return
        name = self.user.get_username()
        await self.channel_layer.group_send(
            self.group, {"type": "game.chat", "user": name, "role": self.viewer.role.value, "text": message.text}
        )

    async def dispute(self, message: DisputeRequest) -> None:
        """The opposing manager disputes an entered result (`games.services.dispute_raise`); the `dispute` message
        everyone gets after commit is the answer, a refusal an `error` with its code."""
        if self.viewer.role is Role.SPECTATOR or self.viewer.user_id is None:
            await self.send_error("", ErrorCode.FORBIDDEN, "only a manager of this game can dispute a play")
            return
        if await self.limits.allow("actions"):
            await self.send_error("", ErrorCode.RATE_LIMITED, "too many actions; slow down")
            return
        try:
            await _in_pool(dispute_raise)(
                game_id=self.game_id, user=self.user, play_number=message.play, reason=message.reason
            )
        except GameError as error:
            await self.send_error("", ErrorCode(str(error.code)), error.message)

    async def game_dispute(self, message: dict[str, Any]) -> None:
        await self.send_json({"type": "dispute", "dispute": message["dispute"]})

    async def game_correction(self, message: dict[str, Any]) -> None:
        """A commissioner rewrote versions from `from_version` on: this worker forgets what it remembers of them,
        and the page reloads the game (its events and a fresh `state`)."""
        forget_actions(self.game_id)
        await self.send_json(
            {"type": "correction", "version": message["version"], "from_version": message["from_version"]}
        )

    async def push(
        self, version: int, actions: list[dict[str, Any]] | None = None, *, from_memory: bool = True
    ) -> None:
        """Sends every version after the last one sent, up to `version` (nothing before `hello`): from the
        actions carried by the group message or remembered by this process when they are all there, else (and
        always for a `hello` resync) from the database."""
        if self.sent is None or version <= self.sent:
            return
        fresh = [fields for fields in actions or () if fields["version"] > self.sent] if from_memory else []
        if from_memory and (not fresh or fresh[0]["version"] != self.sent + 1 or fresh[-1]["version"] != version):
            fresh = recent_actions(self.game_id, self.sent, version) or []
        if fresh:
            for fields in fresh:
                await self.send(text_data=event_text(fields, self.viewer))
                self.sent = int(fields["version"])
            return
        events = await database_sync_to_async(game_events_after)(
            game_id=self.game_id, after=self.sent, upto=None, viewer=self.viewer
        )
        for event in events:
            await self.send_json(event)
            self.sent = event["version"]

    async def game_event(self, message: dict[str, Any]) -> None:
        await self.push(int(message["version"]), message.get("actions"))

    async def game_warning(self, message: dict[str, Any]) -> None:
        """The side to act is about to run out of time (`games.services.play.game_warn_expiring`); sent once the
        socket said hello, for the version it was last sent."""
        warning = message.get("warning") or {}
        if self.sent is not None and warning.get("version") == self.sent:
            await self.send_json(warning)

    async def game_presence(self, message: dict[str, Any]) -> None:
        presence = message.get("presence")
        if presence is None:
            presence = await database_sync_to_async(game_presence)(game_id=self.game_id)
        await self.send_json(presence)

    async def game_chat(self, message: dict[str, Any]) -> None:
        await self.send_json(
            {"type": "chat", "user": message["user"], "role": message["role"], "text": message["text"]}
        )
