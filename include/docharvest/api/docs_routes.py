"""``/docs`` and ``/redoc`` with their scripts and styles served from an installed package.

FastAPI's default pages load Swagger UI and ReDoc from a CDN, so they are blank offline or
behind a strict proxy. The files come from ``fastapi-offline``'s bundled copies instead; the
URLs honour the mount prefix (``/docharvest`` inside Airflow).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

router = APIRouter(include_in_schema=False)
ASSETS = {"swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png"}


def _static_dir() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    root = _root(request)
    return get_swagger_ui_html(
        openapi_url=f"{root}/openapi.json",
        title="DocHarvest jobs API - Swagger UI",
        swagger_js_url=f"{root}/docs-assets/swagger-ui-bundle.js",
        swagger_css_url=f"{root}/docs-assets/swagger-ui.css",
        swagger_favicon_url=f"{root}/docs-assets/favicon.png",
    )


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    root = _root(request)
    return get_redoc_html(
        openapi_url=f"{root}/openapi.json",
        title="DocHarvest jobs API - ReDoc",
        redoc_js_url=f"{root}/docs-assets/redoc.standalone.js",
        redoc_favicon_url=f"{root}/docs-assets/favicon.png",
        with_google_fonts=False,
    )


@router.get("/docs-assets/{name}")
async def asset(name: str) -> Response:
    if name not in ASSETS:
        return Response(status_code=404)
    return FileResponse(_static_dir() / name, headers={"Cache-Control": "public, max-age=86400"})
