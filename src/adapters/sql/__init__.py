"""SQL stores (SQLite by default, PostgreSQL on request) through SQLAlchemy Core."""
