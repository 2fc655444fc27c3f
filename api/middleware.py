"""Request guards that run before any view."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, JsonResponse


class RejectNulBytes:
    """A NUL character in the path or the query string is a JSON 400: PostgreSQL refuses NUL in text, so a
    lookup or filter with one would otherwise fail in the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or (query and b"\x00" in unquote_to_bytes(query)):
            return JsonResponse(
                {"error": "bad_request", "detail": "NUL characters are not allowed in URLs"}, status=400
            )
        return self.get_response(request)
