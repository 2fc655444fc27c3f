"""`/ws/leagues/<code>/scoreboard/`: a league's live scoreboard. The client says `hello` (the game protocol's,
validated by `realtime.protocol`) and gets `scoreboard` {games: [rows]}; after that each game's new row arrives
as `scoreboard_game` {game: row} when the game service commits an action (`games.events.broadcast_scoreboard`).
Rows are `games.events.scoreboard_line`. Any other message is an `error` and the socket stays open."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from games.errors import ErrorCode
from games.events import message_text, scoreboard_group
from leagues.models import League
from leagues.scoreboard_selectors import league_scoreboard
from realtime.log import describe, error_id, log
from realtime.protocol import Hello, ProtocolError, parse_client_message
from realtime.ratelimit import TokenBucket

CLOSE_NOT_FOUND = 4404


def _league(code: str) -> League | None:
    return League.objects.filter(code=code.lower()).first()


class ScoreboardConsumer(AsyncWebsocketConsumer):
    league: League | None = None

    async def connect(self) -> None:
        code = str(self.scope["url_route"]["kwargs"]["code"])
        self.league = await database_sync_to_async(_league)(code)
        if self.league is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        rate, burst = settings.SCORECARD_WS_RATE
        self.bucket = TokenBucket(rate_per_s=rate, burst=burst)
        self.group = scoreboard_group(self.league.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def send_json(self, content: dict[str, Any]) -> None:
        await self.send(text_data=message_text(content))

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if not self.bucket.allow():
            await self.send_json(ProtocolError(ErrorCode.RATE_LIMITED, "too many messages; slow down").as_message())
            return
        try:
            message = parse_client_message(text_data if text_data is not None else bytes_data or b"")
            if not isinstance(message, Hello):
                raise ProtocolError(ErrorCode.BAD_MESSAGE, "the scoreboard takes only hello")
        except ProtocolError as error:
            await self.send_json(error.as_message())
            return
        assert self.league is not None
        try:
            games = await database_sync_to_async(league_scoreboard)(self.league)
        except Exception as exc:  # noqa: BLE001 - the socket outlives a failed read
            failure = error_id()
            log.error("ws.scoreboard_failed", error_id=failure, league=self.league.code, error=describe(exc))
            body = ProtocolError(ErrorCode.INTERNAL, f"the scoreboard could not be read (error {failure})")
            await self.send_json({**body.as_message(), "error_id": failure})
            return
        await self.send_json({"type": "scoreboard", "games": games})

    async def scoreboard_line(self, message: dict[str, Any]) -> None:
        await self.send_json({"type": "scoreboard_game", "game": message["line"]})
