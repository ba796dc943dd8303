"""The service's edge defences: client addresses, origins, headers, socket caps, log scrubbing."""
