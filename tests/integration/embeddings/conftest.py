"""The OpenAI fake server fixtures, shared with the embeddings tests."""

from tests.integration.openai.conftest import openai_server  # noqa: F401
