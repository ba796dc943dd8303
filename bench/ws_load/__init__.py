"""WebSocket load benchmark: FAQ round trips and idle sockets, against a bare reference."""
