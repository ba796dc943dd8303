"""Insights from the event store: reports, content gaps and what-if replays (docs/reports.md).

Every figure is computed from the recorded events of the conversations, never from the read
models, so it can be recomputed for any period and does not depend on projections (ADR 0039).
"""
