"""Alembic, driven from code: no alembic.ini, the scripts ship inside this package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from adapters.sql.urls import sync_url

SCRIPT_LOCATION = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def upgrade(url: str | None, revision: str = "head") -> None:
    """Bring the database at url to revision (head by default); safe to run again."""
    engine = create_engine(sync_url(url))
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()
