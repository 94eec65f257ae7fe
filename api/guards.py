"""Guards for staff-only routes. Until the clinician console brings real logins, staff
present `Authorization: Bearer <HAVEN_STAFF_TOKEN>`; with no token configured, staff routes
are closed."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler

from haven.config import Secret

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], None]


def staff_guard(token: Secret) -> Guard:
    expected = token.get().encode()

    def staff_only(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        scheme, _sep, given = connection.headers.get("authorization", "").partition(" ")
        if not expected or scheme.lower() != "bearer":
            raise NotAuthorizedException("staff token required")
        if not hmac.compare_digest(given.encode(), expected):
            raise NotAuthorizedException("staff token required")

    return staff_only
