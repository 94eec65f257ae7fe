"""The Litestar application. Long-lived resources come from `haven.runtime.Runtime`, created
in the lifespan and handed to handlers by dependency injection."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar, Router
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router

from api.actions import rasa_action
from api.crisis import CrisisController
from api.errors import EXCEPTION_HANDLERS
from api.guards import staff_guard
from api.health import health
from api.paging import routers as paging_routers
from api.sessions.controllers import SessionController
from api.sessions.stream import stream
from api.sms import router as sms_router
from haven.config import Settings
from haven.runtime import Runtime

WEB_DIR = Path(__file__).resolve().parent / "web"


class _Holder:
    """Holds the runtime between lifespan start and stop; read only by the providers below."""

    runtime: Runtime | None = None

    def get(self) -> Runtime:
        if self.runtime is None:
            raise RuntimeError("the application has not started")
        return self.runtime


def create_app(settings: Settings) -> Litestar:
    holder = _Holder()

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        holder.runtime = await Runtime.start(settings)
        try:
            yield
        finally:
            await holder.runtime.stop()
            holder.runtime = None

    dependencies = {
        "settings": Provide(lambda: settings, sync_to_thread=False),
        "store": Provide(lambda: holder.get().store, sync_to_thread=False),
        "pipeline": Provide(lambda: holder.get().pipeline, sync_to_thread=False),
        "rasa": Provide(lambda: holder.get().rasa, sync_to_thread=False),
        "actions": Provide(lambda: holder.get().actions, sync_to_thread=False),
        "action_context": Provide(lambda: holder.get().action_context, sync_to_thread=False),
        "delivery": Provide(lambda: holder.get().delivery, sync_to_thread=False),
        "crisis": Provide(lambda: holder.get().crisis, sync_to_thread=False),
        "crisis_store": Provide(lambda: holder.get().crisis_store, sync_to_thread=False),
        "paging": Provide(lambda: holder.get().paging, sync_to_thread=False),
        "sms": Provide(lambda: holder.get().sms, sync_to_thread=False),
    }
    return Litestar(
        route_handlers=[
            SessionController,
            Router(
                "/",
                route_handlers=[CrisisController],
                guards=[staff_guard(settings.paging.staff_token)],
            ),
            *paging_routers(settings),
            sms_router(settings),
            stream,
            health,
            rasa_action,
            create_static_files_router(
                path="/", directories=[WEB_DIR], html_mode=True, include_in_schema=False
            ),
        ],
        dependencies=dependencies,
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        lifespan=[lifespan],
        request_max_body_size=64 * 1024,
        openapi_config=OpenAPIConfig(
            title="Haven",
            version="0.1.0",
            description="Haven's gateway: web chat sessions, turns and health.",
            path="/schema",
            render_plugins=[SwaggerRenderPlugin()],
        ),
    )
