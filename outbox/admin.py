"""Outbox messages, read-only: what went out, what failed and why; "Re-send" calls `outbox_resend`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from leagues.admin_scoping import LeagueScopedAdmin
from outbox.models import OutboxMessage
from outbox.services import RESENDABLE, outbox_resend

FIELDS = [
    "kind",
    "key",
    "league",
    "game",
    "team",
    "url",
    "status",
    "attempts",
    "steps_done",
    "next_attempt_at",
    "last_error",
    "created_at",
    "delivered_at",
    "payload",
]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(LeagueScopedAdmin):
    list_display = ["key", "kind", "league", "team", "status", "attempts", "next_attempt_at", "short_error"]
    list_filter = ["status", "kind", "league"]
    search_fields = ["key", "team__abbreviation"]
    list_select_related = ["league", "team"]
    readonly_fields = FIELDS
    fields = list(FIELDS)
    actions = ["resend"]
    date_hierarchy = "created_at"

    @admin.display(description="last error")
    def short_error(self, obj: OutboxMessage) -> str:
        return obj.last_error[:120]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Re-send (failed or dead messages)", permissions=["change"])
    def resend(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        chosen = list(queryset)
        count = outbox_resend(chosen)
        for message in chosen:
            if message.status in RESENDABLE:
                self.log_change(request, message, f"Re-sent after {message.attempts} attempts: {message.last_error}")
        level = messages.SUCCESS if count else messages.WARNING
        self.message_user(request, f"{count} of {len(chosen)} messages queued again", level)
