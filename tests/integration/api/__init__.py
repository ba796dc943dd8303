"""The HTTP API, the visitor socket and the CLI, through FastAPI and real processes."""
