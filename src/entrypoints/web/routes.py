"""`/widget.js`, its demo page at `/` (English) and `/fa/` (Persian), the page's assets, and
the agents' dashboard at `/admin/chat/` with its assets under `/admin/chat/assets/`."""

from __future__ import annotations

import html

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from entrypoints.web.assets import PUBLIC, Asset, asset, matches, widget_script
from entrypoints.web.demo import render_demo

# Short: a new widget version reaches every site within minutes; the ETag makes the
# revalidation after that a cheap 304.
WIDGET_CACHE = "public, max-age=300"
STATIC_CACHE = "public, max-age=3600"
# The demo page proves the widget needs nothing from the host page's policy beyond this.
DEMO_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")

# The dashboard: its own scripts and styles only; the API and the agents' socket on the
# same origin ('self' covers ws:/wss: to this host); forms are handled by script.
DASHBOARD_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; "
                    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                    "form-action 'none'; frame-ancestors 'none'")
DASHBOARD_FILES = frozenset({"dashboard.css", "dashboard.js", "dashboard.i18n.js",
                             "dashboard.desk.js", "dashboard.conversation.js",
                             "dashboard.faqs.js", "dashboard.charts.js", "dashboard.reports.js",
                             "dashboard.reports.i18n.js", "dashboard.gaps.js",
                             "dashboard.whatif.js", "dashboard.reports.css",
                             "dashboard.team.js", "dashboard.team.i18n.js",
                             "dashboard.canned.js", "dashboard.canned.i18n.js",
                             "dashboard.replies.js", "dashboard.contacts.js",
                             "dashboard.context.js", "dashboard.context.i18n.js",
                             "dashboard.availability.js", "dashboard.availability.i18n.js",
                             "dashboard.transfer.js", "dashboard.notify.js",
                             "dashboard.notify.i18n.js", "dashboard.names.js"})

router = APIRouter(include_in_schema=False)


def _serve(request: Request, served: Asset, cache_control: str) -> Response:
    headers = {"Cache-Control": cache_control, "ETag": served.etag,
               "X-Content-Type-Options": "nosniff"}
    if matches(served, request.headers.get("if-none-match")):
        return Response(status_code=304, headers=headers)
    return Response(served.body, media_type=served.media_type, headers=headers)


@router.api_route("/widget.js", methods=["GET", "HEAD"], name="widget_js")
async def widget_js(request: Request) -> Response:
    response = _serve(request, widget_script(), WIDGET_CACHE)
    # Any site may load the script, also as a CORS-mode request (integrity checks).
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@router.api_route("/static/{name}", methods=["GET", "HEAD"])
async def static_file(name: str, request: Request) -> Response:
    if name not in PUBLIC:
        return Response(status_code=404)
    return _serve(request, asset(name), STATIC_CACHE)


@router.get("/")
async def demo_english(request: Request) -> HTMLResponse:
    return _demo(request, "en")


@router.get("/fa/")
@router.get("/fa")
async def demo_persian(request: Request) -> HTMLResponse:
    return _demo(request, "fa")


def _demo(request: Request, language: str) -> HTMLResponse:
    widget_src = html.escape(str(request.url_for("widget_js")), quote=True)
    page = render_demo(language, widget_src)
    return HTMLResponse(page, headers={"Cache-Control": "no-cache",
                                       "Content-Security-Policy": DEMO_POLICY,
                                       "X-Content-Type-Options": "nosniff"})


@router.get("/admin/chat/")
@router.get("/admin/chat")
async def dashboard(request: Request) -> Response:
    served = asset("dashboard.html")
    return Response(served.body, media_type=served.media_type,
                    headers={"Cache-Control": "no-cache",
                             "Content-Security-Policy": DASHBOARD_POLICY,
                             "X-Content-Type-Options": "nosniff"})


@router.api_route("/admin/chat/assets/{name}", methods=["GET", "HEAD"])
async def dashboard_asset(name: str, request: Request) -> Response:
    if name not in DASHBOARD_FILES:
        return Response(status_code=404)
    # no-cache: revalidated (cheaply, by ETag) so agents get a new version at once.
    return _serve(request, asset(name), "no-cache")
