"""Every metric Pasokh exports, in one registry per process (never the global default).

Labels take a handful of values only: escalation reasons are reduced to their kind, so a
keyword or a confidence never becomes a time series of its own.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

SENDERS_AND_SOURCES = (("user", "none"), ("bot", "faq"), ("bot", "ai"), ("bot", "system"),
                       ("agent", "agent"), ("system", "system"))
ESCALATION_KINDS = ("keyword", "low_confidence", "ai_error", "ai_needs_human",
                    "visitor_request", "other")
SOCKET_KINDS = ("visitor", "admin")
REPAIR_KINDS = ("answer", "enqueue", "dequeue", "mail")  # application.reconcile.KINDS
AI_SECONDS = (0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30)
BATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256)
COMMIT_SECONDS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)
WAIT_SECONDS = (5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600)


def escalation_kind(reason: str) -> str:
    """`keyword:پرداخت` -> `keyword`, `low_confidence:0.41` -> `low_confidence`."""
    kind = reason.split(":", 1)[0]
    return kind if kind in ESCALATION_KINDS else "other"


class PasokhMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry = registry or CollectorRegistry()
        self.messages = Counter(
            "pasokh_messages", "Messages stored by this instance, by sender and source "
            "(FAQ hit rate: bot/faq over bot messages other than bot/system, which are small "
            "talk replies and refusals)", ["sender", "source"],
            registry=registry)
        self.sessions_started = Counter(
            "pasokh_sessions_started", "Conversations started on this instance",
            registry=registry)
        self.escalations = Counter(
            "pasokh_escalations", "Conversations handed to people, by kind of reason",
            ["reason"], registry=registry)
        self.ai_seconds = Histogram(
            "pasokh_ai_request_seconds", "Time to draft one answer with the answer responder",
            ["outcome"], buckets=AI_SECONDS, registry=registry)
        self.ai_tokens = Counter(
            "pasokh_ai_tokens", "Model tokens spent on answers", ["kind"], registry=registry)
        self.queue_length = Gauge(
            "pasokh_queue_length", "Sessions waiting for an agent (read from the shared read "
            "model: the same on every instance, aggregate with max)", registry=registry)
        self.queue_wait = Histogram(
            "pasokh_queue_wait_seconds", "Time from entering the queue to an agent taking the "
            "session", buckets=WAIT_SECONDS, registry=registry)
        self.open_sockets = Gauge(
            "pasokh_open_sockets", "WebSockets open on this instance", ["kind"],
            registry=registry)
        self.rate_limited = Counter(
            "pasokh_rate_limit_refusals", "Requests and frames refused by a rate limit",
            ["limit"], registry=registry)
        self.policies_in_flight = Gauge(
            "pasokh_policies_in_flight", "Reactions (answers, queueing) still being worked on",
            registry=registry)
        self.commit_batch = Histogram(
            "pasokh_commit_batch_size", "Commits written together in one database transaction "
            "(group commit)", buckets=BATCH_SIZES, registry=registry)
        self.commit_seconds = Histogram(
            "pasokh_commit_transaction_seconds", "Time to write one group of commits",
            buckets=COMMIT_SECONDS, registry=registry)
        self.reconciler_repairs = Counter(
            "pasokh_reconciler_repairs", "Reactions a crash (or a failed policy) had left "
            "undone, done by this instance's reconciler, by kind", ["kind"], registry=registry)
        self.reconciler_passes = Counter(
            "pasokh_reconciler_passes", "Reconciliation passes of this instance, by outcome",
            ["outcome"], registry=registry)
        self._create_known_series()

    def group_committed(self, commits: int, seconds: float) -> None:
        self.commit_batch.observe(commits)
        self.commit_seconds.observe(seconds)

    def _create_known_series(self) -> None:
        """Series exist at zero from the start, so rates and ratios have both sides."""
        for sender, source in SENDERS_AND_SOURCES:
            self.messages.labels(sender, source)
        for kind in ESCALATION_KINDS:
            self.escalations.labels(kind)
        for kind in SOCKET_KINDS:
            self.open_sockets.labels(kind)
        for outcome in ("ok", "error"):
            self.ai_seconds.labels(outcome)
        for kind in ("prompt", "completion"):
            self.ai_tokens.labels(kind)
        for kind in REPAIR_KINDS:
            self.reconciler_repairs.labels(kind)
        for outcome in ("ok", "error"):
            self.reconciler_passes.labels(outcome)
