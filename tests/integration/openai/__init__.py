"""The OpenAI answer generator through the real SDK, against a local fake server."""
