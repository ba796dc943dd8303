"""WebSocket endpoints: the visitor's live conversation."""
