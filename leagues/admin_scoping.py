"""Commissioner scoping for the admin: a staff user who is not a superuser sees and edits only the objects of
the leagues they commission (LeagueCommissioner); superusers see everything."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from leagues.selectors import commissioned_league_ids


def _scope(queryset: QuerySet[Any], league_path: str, request: HttpRequest) -> QuerySet[Any]:
    ids = commissioned_league_ids(request.user)
    return queryset if ids is None else queryset.filter(**{f"{league_path}__in": ids})


# URL form fields assume https for scheme-less input (and keep Django 6's deprecation warning quiet).
URL_FIELD_OVERRIDES: dict[type[models.Field[Any, Any]], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class LeagueChoicesMixin:
    """For ModelAdmin and inlines: choices of league-bound foreign keys are limited to the user's leagues."""

    formfield_overrides: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = URL_FIELD_OVERRIDES

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """A foreign key to a league-scoped model offers only rows of the user's leagues (the related model's
        admin says how to reach its league)."""
        try:
            related_admin = self.admin_site.get_model_admin(db_field.related_model)  # type: ignore[attr-defined]
        except NotRegistered:
            related_admin = None
        league_path = getattr(related_admin, "league_path", None)
        if league_path is not None:
            kwargs.setdefault("queryset", _scope(db_field.related_model._default_manager.all(), league_path, request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class LeagueScopedMixin(LeagueChoicesMixin):
    """For ModelAdmin: rows and object permissions limited to the user's leagues; `league_path` is the lookup
    from the model to its League."""

    league_path = "league"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return _scope(super().get_queryset(request), self.league_path, request)  # type: ignore[misc]

    def _in_scope(self, request: HttpRequest, obj: models.Model | None) -> bool:
        if obj is None or obj.pk is None:
            return True
        return _scope(type(obj)._default_manager.filter(pk=obj.pk), self.league_path, request).exists()

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)  # type: ignore[misc]


class LeagueScopedAdmin(LeagueScopedMixin, admin.ModelAdmin):
    pass
