"""Embedders: the local embedded model, any OpenAI-compatible endpoint, and a test twin."""
