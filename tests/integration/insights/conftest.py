from tests.integration.api.conftest import (  # noqa: F401 - the API tier's fixtures
    admin_token,
    app,
    client,
    container,
    migrated_postgres,
    settings,
)
