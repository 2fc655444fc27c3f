"""Writes to the outbox. Enqueueing happens inside the caller's transaction (a rolled-back state change leaves no
message); delivery locks one due row at a time (`skip_locked`), so concurrent workers never send the same row."""

from __future__ import annotations

import json
import random
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Abs

from games.models import FINISHED_STATUSES, Game, GameStatus, Play
from leagues.availability import game_injury_rows, game_rest_lines
from leagues.models import Team
from outbox.models import OutboxKind, OutboxMessage, OutboxStatus
from outbox.sba_results import sba_api_root, sba_result_steps
from scorecard.clock import pendulum_now

RETRYABLE_4XX = (408, 429)
SIDES = ("away", "home")
RESENDABLE = (OutboxStatus.FAILED, OutboxStatus.DEAD)


@dataclass(frozen=True, slots=True)
class GameMoment:
    """What the outbox needs to know of a game before or after a state change: status, version and the side the
    game waits for ("away"/"home", None when nobody or the game is over)."""

    status: str
    version: int
    turn: str | None = None

    @classmethod
    def of(cls, game: Game, turn: Any = None) -> GameMoment:
        side = getattr(turn, "value", turn)
        return cls(status=game.status, version=game.version, turn=side if side in SIDES else None)


def outbox_enqueue_for_transition(game: Game, before: GameMoment, after: GameMoment) -> list[OutboxMessage]:
    """Call inside the transaction that moved `game` from `before` to `after`. A game that just finished gets its
    `game_result` (when the league has a results URL), its `league_result` (a scheduled SBA game the league API
    knows, when the API's key is set) and `game_finished` for each team with a webhook; otherwise
    a human side that becomes due to decide gets one `your_turn` for the window opening at `after.version`.
    Keys are unique, so calling twice for the same transition adds nothing. Returns the rows written."""
    if before.status not in FINISHED_STATUSES and after.status in FINISHED_STATUSES:
        messages = [*_result_messages(game), *_league_result_messages(game), *_finished_messages(game)]
    elif after.status == GameStatus.ACTIVE and after.turn is not None and after.turn != before.turn:
        messages = _your_turn_messages(game, after)
    else:
        return []
    return OutboxMessage.objects.bulk_create(messages, ignore_conflicts=True)


def _team(game: Game, side: str) -> Team:
    return game.home_team if side == "home" else game.away_team


def _is_ai(game: Game, side: str) -> bool:
    return game.home_is_ai if side == "home" else game.away_is_ai


def game_link(game: Game) -> str:
    return f"{settings.SCORECARD_BASE_URL.rstrip('/')}/games/{game.pk}/"


def results_url(league_code: str) -> str:
    return str(settings.LEAGUE_RESULTS_URLS.get(league_code, ""))


def _winner(game: Game) -> Team | None:
    if game.status == GameStatus.ABANDONED:
        return None
    if game.status == GameStatus.FORFEITED:
        return game.forfeit_winner
    if game.home_score == game.away_score:
        return None
    return game.home_team if game.home_score > game.away_score else game.away_team


def _team_payload(team: Team) -> dict[str, Any]:
    return {"id": team.pk, "external_id": team.external_id, "abbreviation": team.abbreviation, "name": team.name}


def result_payload(game: Game) -> dict[str, Any]:
    """The league's view of a finished game; a scheduled one carries each pitcher's rest (SBA-7's rest fields) and
    its injuries (SBA-9 rows), from `leagues.availability`."""
    winner = _winner(game)
    return {
        "game_id": str(game.pk),
        "league": game.league.code,
        "season": game.season.number if game.season else None,
        "mode": game.game_mode,
        "status": game.status,
        "away_team": _team_payload(game.away_team),
        "home_team": _team_payload(game.home_team),
        "score": {"away": game.away_score, "home": game.home_score},
        "innings": game.current_inning,
        "winner": _team_payload(winner) if winner else None,
        "forfeit_reason": game.forfeit_reason,
        "plays": Play.objects.filter(game=game).count(),
        "key_plays": [
            {"play": play.play_number, "inning": play.inning, "description": play.description, "wpa": play.wpa}
            for play in key_plays(game)
        ],
        "finished_at": game.finished_at.isoformat() if game.finished_at else None,
        "url": game_link(game),
        "pitcher_rest": game_rest_lines(game),
        "injuries": game_injury_rows(game),
    }


def _result_messages(game: Game) -> list[OutboxMessage]:
    url = results_url(game.league.code)
    if not url:
        return []
    return [
        OutboxMessage(
            kind=OutboxKind.GAME_RESULT,
            key=f"game_result:{game.pk}",
            league_id=game.league_id,
            game=game,
            url=url,
            payload=result_payload(game),
        )
    ]


def _league_result_messages(game: Game) -> list[OutboxMessage]:
    root = sba_api_root()
    steps = sba_result_steps(game, link=game_link(game)) if root else None
    if not steps:
        return []
    return [
        OutboxMessage(
            kind=OutboxKind.LEAGUE_RESULT,
            key=f"league_result:{game.pk}",
            league_id=game.league_id,
            game=game,
            url=root,
            payload={"steps": steps},
        )
    ]


KEY_PLAYS = 3


def key_plays(game: Game, limit: int = KEY_PLAYS) -> list[Play]:
    """The game's plays that swung its win probability most (largest |WPA|), biggest first."""
    return list(Play.objects.filter(game=game).exclude(wpa=0).order_by(Abs("wpa").desc(), "play_number")[:limit])


def _key_plays_text(game: Game) -> str:
    lines = [
        f"{index}. {play.description or play.hit_type} ({'+' if play.wpa > 0 else ''}{play.wpa:.2f} WPA)"
        for index, play in enumerate(key_plays(game), start=1)
    ]
    return "\nKey plays:\n" + "\n".join(lines) if lines else ""


def _mentions(team: Team) -> list[str]:
    return [gm for gm in (team.gm_discord_id, team.gm2_discord_id) if gm]


def discord_message(team: Team, title: str, description: str, link: str) -> dict[str, Any]:
    """A Discord webhook body: a mention of the team's GMs plus one embed; only those GMs may be pinged."""
    mentions = _mentions(team)
    return {
        "content": " ".join(f"<@{gm}>" for gm in mentions) or title,
        "embeds": [
            {
                "title": title,
                "description": description,
                "url": link,
                **({"color": int(team.color, 16)} if _is_hex(team.color) else {}),
            }
        ],
        "allowed_mentions": {"users": mentions},
    }


def _is_hex(value: str) -> bool:
    try:
        int(value, 16)
    except ValueError:
        return False
    return bool(value)


def _score_line(game: Game) -> str:
    return (
        f"{game.away_team.abbreviation} {game.away_score} @ {game.home_team.abbreviation} {game.home_score}"
        f" (inning {game.current_inning})"
    )


def _notice(game: Game, team: Team, kind: OutboxKind, key: str, title: str, description: str) -> OutboxMessage:
    return OutboxMessage(
        kind=kind,
        key=key,
        league_id=game.league_id,
        game=game,
        team=team,
        url=team.discord_webhook_url,
        payload=discord_message(team, title, description, game_link(game)),
    )


def _finished_messages(game: Game) -> list[OutboxMessage]:
    winner = _winner(game)
    ending = {GameStatus.FORFEITED: "forfeit", GameStatus.ABANDONED: "abandoned"}.get(GameStatus(game.status), "final")
    title = f"Game over ({ending}): {winner.abbreviation + ' win' if winner else 'no winner'}"
    teams = [team for team in (game.away_team, game.home_team) if team.discord_webhook_url]
    description = _score_line(game) + (_key_plays_text(game) if teams else "")
    return [
        _notice(game, team, OutboxKind.GAME_FINISHED, f"game_finished:{game.pk}:{team.pk}", title, description)
        for team in teams
    ]


def _your_turn_messages(game: Game, after: GameMoment) -> list[OutboxMessage]:
    assert after.turn is not None
    team = _team(game, after.turn)
    if _is_ai(game, after.turn) or not team.discord_webhook_url:
        return []
    key = f"your_turn:{game.pk}:{after.version}:{team.pk}"
    waiting = f"{_score_line(game)}: the game waits for your decision."
    return [_notice(game, team, OutboxKind.YOUR_TURN, key, f"Your turn, {team.abbreviation}", waiting)]


# -- delivery --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    delivered: int = 0
    retrying: int = 0
    dead: int = 0

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(self.delivered + other.delivered, self.retrying + other.retrying, self.dead + other.dead)


class DeliveryError(Exception):
    """A failed POST; `permanent` ones are not retried, `retry_after` is the receiver's wish in seconds."""

    def __init__(self, message: str, *, permanent: bool = False, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


def _headers(message: OutboxMessage) -> dict[str, str]:
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "scorecard-outbox",
        "Idempotency-Key": message.key,
    }
    if message.kind == OutboxKind.LEAGUE_RESULT:
        headers["Idempotency-Key"] = f"{message.key}:{message.steps_done + 1}"
    if message.kind in (OutboxKind.GAME_RESULT, OutboxKind.LEAGUE_RESULT):
        key = settings.LEAGUE_APIS.get(message.league.code, {}).get("key", "")
        if key:
            headers["Authorization"] = f"Bearer {key}"
    return headers


def _retry_after(error: urllib.error.HTTPError) -> float | None:
    try:
        return float(error.headers.get("Retry-After", ""))
    except (TypeError, ValueError):
        return None


def _request(message: OutboxMessage) -> urllib.request.Request:
    """The message's request: its payload POSTed to its URL, or a `league_result`'s next step."""
    if message.kind != OutboxKind.LEAGUE_RESULT:
        return urllib.request.Request(
            message.url, data=json.dumps(message.payload).encode(), headers=_headers(message), method="POST"
        )
    step = message.payload["steps"][message.steps_done]
    query = urllib.parse.urlencode(
        [(name, "" if value is None else value) for name, value in step.get("query", {}).items()]
    )
    url = message.url + step["path"] + (f"?{query}" if query else "")
    body = json.dumps(step["body"]).encode() if "body" in step else None
    return urllib.request.Request(url, data=body, headers=_headers(message), method=step["method"])


def post_json(message: OutboxMessage) -> int:
    """Sends the message (a `league_result`: its next step) once; returns the 2xx status or raises
    DeliveryError."""
    request = _request(message)
    try:
        with urllib.request.urlopen(request, timeout=settings.OUTBOX_TIMEOUT_SECONDS) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        body = exc.read(500).decode(errors="replace")
        permanent = 400 <= exc.code < 500 and exc.code not in RETRYABLE_4XX
        raise DeliveryError(f"HTTP {exc.code}: {body}", permanent=permanent, retry_after=_retry_after(exc)) from exc
    except (OSError, ValueError) as exc:
        raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
    if not 200 <= status < 300:
        raise DeliveryError(f"HTTP {status}")
    return status


def backoff_seconds(attempts: int, retry_after: float | None = None) -> float:
    """Exponential backoff with jitter after `attempts` failures (between half and all of base * 2^(n-1),
    capped), never sooner than the receiver's Retry-After."""
    ceiling = min(settings.OUTBOX_BACKOFF_MAX_SECONDS, settings.OUTBOX_BACKOFF_SECONDS * 2 ** (attempts - 1))
    delay = ceiling * random.uniform(0.5, 1.0)
    return max(delay, retry_after or 0.0)


def _due(now: datetime) -> Any:
    return OutboxMessage.objects.filter(
        status__in=(OutboxStatus.PENDING, OutboxStatus.FAILED), next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")


def outbox_deliver_one(now: datetime | None = None) -> DeliveryReport | None:
    """Sends the most overdue message nobody else is sending, holding its row lock while it POSTs (a second worker
    skips it). A `league_result` sends one step per call; the step is counted done in the same commit, and the
    next is due at once. None when nothing is due."""
    now = now or pendulum_now()
    with transaction.atomic():
        message = _due(now).select_for_update(skip_locked=True, of=("self",)).select_related("league").first()
        if message is None:
            return None
        message.attempts += 1
        try:
            post_json(message)
        except DeliveryError as exc:
            message.last_error = str(exc)[:2000]
            if exc.permanent or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                message.status = OutboxStatus.DEAD
                report = DeliveryReport(dead=1)
            else:
                message.status = OutboxStatus.FAILED
                message.next_attempt_at = now + timedelta(seconds=backoff_seconds(message.attempts, exc.retry_after))
                report = DeliveryReport(retrying=1)
        else:
            message.last_error = ""
            if _steps_left(message):
                message.steps_done += 1
                message.attempts = 0
                message.status = OutboxStatus.PENDING  # the next step is due at once
                message.next_attempt_at = now
                report = DeliveryReport()
            else:
                message.status = OutboxStatus.DELIVERED
                message.delivered_at = pendulum_now()
                report = DeliveryReport(delivered=1)
        fields = ["attempts", "status", "next_attempt_at", "last_error", "delivered_at", "steps_done"]
        message.save(update_fields=fields)
    return report


def _steps_left(message: OutboxMessage) -> bool:
    """Whether a `league_result` has steps after the one just sent (each is committed once accepted)."""
    return message.kind == OutboxKind.LEAGUE_RESULT and message.steps_done + 1 < len(message.payload["steps"])


def outbox_deliver_due(now: datetime | None = None, *, batch: int = 50) -> DeliveryReport:
    """Delivers up to `batch` due messages, one row lock at a time. Safe to run in several processes at once."""
    total = DeliveryReport()
    for _ in range(batch):
        report = outbox_deliver_one(now)
        if report is None:
            break
        total += report
    return total


def outbox_resend(messages: Iterable[OutboxMessage]) -> int:
    """Puts failed or dead messages back to pending, due now, with a fresh attempt budget. Delivered and pending
    ones are left alone. Returns how many were reset."""
    ids = [m.pk for m in messages]
    return OutboxMessage.objects.filter(pk__in=ids, status__in=RESENDABLE).update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt_at=pendulum_now()
    )  # a league_result goes on from the step that failed: the ones before were accepted
