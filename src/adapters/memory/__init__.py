"""In-memory twins of every store: real, tested code used by unit tests and specs."""
