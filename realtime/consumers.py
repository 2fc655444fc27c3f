"""Channels consumers: thin, each message parsed and handed to a service."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer


class PingConsumer(AsyncJsonWebsocketConsumer):
    """Echoes `{"type": "ping", ...}` back as `pong`: a liveness probe and the echo baseline for benchmarks."""

    async def receive_json(self, content: object, **kwargs: object) -> None:
        if not isinstance(content, dict) or content.get("type") != "ping":
            await self.send_json({"type": "error", "code": "bad_message", "message": 'expected {"type": "ping"}'})
            return
        await self.send_json({**content, "type": "pong"})
