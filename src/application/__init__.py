"""Use cases: command and query handlers, and the ports they need, as typing.Protocols."""
