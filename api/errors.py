"""The one place where errors become HTTP responses, all in one JSON shape (RFC 9457):

{"type": "about:blank", "title": "Bad Request", "status": 400,
 "code": "empty_text", "detail": "text must not be empty"}
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException

from haven.crypto import DecryptionError
from haven.paging import UnknownIncident
from haven.pipeline import MessageTooLong, TurnError
from haven.storage import StorageUnavailable, UnknownSession

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


def problem(status: int, code: str, detail: str) -> dict[str, object]:
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "code": code,
        "detail": detail,
    }


def problem_response(status: int, code: str, detail: str) -> Response[dict[str, object]]:
    return Response(problem(status, code, detail), status_code=status, media_type=PROBLEM_JSON)


def _turn_error(_: Request, exc: TurnError) -> Response[dict[str, object]]:
    status = 413 if isinstance(exc, MessageTooLong) else 400
    return problem_response(status, exc.code, exc.detail)


def _unknown_session(_: Request, exc: UnknownSession) -> Response[dict[str, object]]:
    return problem_response(404, "unknown_session", "no chat session has this id")


def _unknown_incident(_: Request, exc: UnknownIncident) -> Response[dict[str, object]]:
    return problem_response(404, "unknown_incident", "no incident has this number")


def _storage_down(_: Request, exc: StorageUnavailable) -> Response[dict[str, object]]:
    return problem_response(503, "storage_unavailable", "storage is unavailable; try again")


def _validation(_: Request, exc: ValidationException) -> Response[dict[str, object]]:
    detail = str(exc.detail)
    extra = exc.extra
    if isinstance(extra, list) and extra:
        first = extra[0]
        if isinstance(first, dict):
            detail = f"{first.get('key') or 'body'}: {first.get('message', detail)}"
    lowered = detail.lower()
    code = "invalid_json" if ("json" in lowered or "utf-8" in lowered) else "invalid_request"
    return problem_response(400, code, detail)


def _integrity(_: Request, exc: DecryptionError) -> Response[dict[str, object]]:
    logger.error("a stored record failed authentication (tampered or moved)")
    return problem_response(500, "integrity_error", "a stored record failed its integrity check")


def _not_utf8(_: Request, exc: UnicodeDecodeError) -> Response[dict[str, object]]:
    return problem_response(400, "not_utf8", "the request body must be UTF-8 encoded JSON")


def _http(_: Request, exc: HTTPException) -> Response[dict[str, object]]:
    status = exc.status_code
    if status == 400:
        # Litestar raises a plain 400 only when the body cannot be decoded as JSON.
        return problem_response(400, "invalid_json", f"the body is not valid JSON: {exc.detail}")
    code = {
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        413: "too_large",
    }.get(status, "http_error")
    if status >= 500:
        logger.error("HTTP %s raised by a handler", status)
    return problem_response(status, code, str(exc.detail))


def _unexpected(_: Request, exc: Exception) -> Response[dict[str, object]]:
    logger.exception("unhandled error", exc_info=exc)
    return problem_response(500, "internal_error", "something went wrong on our side")


EXCEPTION_HANDLERS = {
    TurnError: _turn_error,
    UnknownSession: _unknown_session,
    UnknownIncident: _unknown_incident,
    StorageUnavailable: _storage_down,
    ValidationException: _validation,
    UnicodeDecodeError: _not_utf8,
    DecryptionError: _integrity,
    HTTPException: _http,
    Exception: _unexpected,
}

__all__ = ["EXCEPTION_HANDLERS", "PROBLEM_JSON", "MediaType", "problem", "problem_response"]
