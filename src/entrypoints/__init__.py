"""How the world reaches Pasokh: the HTTP and WebSocket API, the CLI, and the wiring."""
