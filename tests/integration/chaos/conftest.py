"""Chaos tests run real `pasokh serve` processes, each run on a database of its own."""

from tests.integration.multi_instance.conftest import fresh_database

__all__ = ["fresh_database"]
