"""Event store benchmark: appends, reads, concurrent writers, projection rebuild."""
