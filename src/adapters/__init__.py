"""Adapters: the technologies behind the application's ports. They translate; they do not decide."""
