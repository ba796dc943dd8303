"""Reports, content gaps and what-ifs (CONTRACT.md, "Insights"), and their CSV exports.

For admins only (issue 14): figures about the whole team are not every agent's to read.
No `from __future__ import annotations`: the injector reads the markers (dependencies.py)."""

from datetime import datetime
from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import Depends, Response

from application.insights.service import Insights, InvalidPeriod, Period
from application.insights.what_if import DRAFT_ID
from domain.faq import FAQContent
from entrypoints.api.dependencies import Admin
from entrypoints.api.insights_csv import gaps_csv, stats_csv
from entrypoints.api.insights_schemas import GapOut, StatsOut, WhatIfIn, WhatIfOut
from entrypoints.container import Container
from entrypoints.errors import ApiError
from entrypoints.routing import SlashAgnosticRouter
from entrypoints.schemas import UtcTime

router = SlashAgnosticRouter(prefix="/admin")
Reports = Annotated[Insights, Depends(Provide[Container.insights])]
CSV = "text/csv; charset=utf-8"


def _period(insights: Insights, since: datetime | None, until: datetime | None) -> Period:
    try:
        return insights.period(since, until)
    except InvalidPeriod as error:
        raise ApiError(422, "invalid", str(error)) from error


@router.get("/stats/")
@inject
async def stats(admin: Admin, insights: Reports, since: UtcTime | None = None,
                until: UtcTime | None = None) -> StatsOut:
    return StatsOut.of(await insights.stats(_period(insights, since, until)))


@router.get("/stats/csv/")
@inject
async def stats_export(admin: Admin, insights: Reports, since: UtcTime | None = None,
                       until: UtcTime | None = None) -> Response:
    period = _period(insights, since, until)
    return _download(stats_csv(await insights.stats(period)), "pasokh-report", period)


@router.get("/gaps/")
@inject
async def gaps(admin: Admin, insights: Reports, since: UtcTime | None = None,
               until: UtcTime | None = None) -> list[GapOut]:
    return [GapOut.of(gap) for gap in await insights.gaps(_period(insights, since, until))]


@router.get("/gaps/csv/")
@inject
async def gaps_export(admin: Admin, insights: Reports, since: UtcTime | None = None,
                      until: UtcTime | None = None) -> Response:
    period = _period(insights, since, until)
    return _download(gaps_csv(await insights.gaps(period)), "pasokh-gaps", period)


@router.post("/faqs/what-if/")
@inject
async def what_if(body: WhatIfIn, admin: Admin, insights: Reports) -> WhatIfOut:
    draft = FAQContent(body.question, body.answer, tuple(body.keywords))
    found = await insights.what_if(draft.with_id(body.faq_id or DRAFT_ID),
                                   _period(insights, body.since, body.until))
    return WhatIfOut.model_validate(WhatIfOut.of(found))


def _download(text: str, name: str, period: Period) -> Response:
    filename = f"{name}-{period.since:%Y-%m-%d}-{period.until:%Y-%m-%d}.csv"
    return Response("\ufeff" + text, media_type=CSV,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
