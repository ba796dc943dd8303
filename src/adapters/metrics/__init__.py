"""Prometheus metrics: their definitions, and decorators that count at the ports."""

from adapters.metrics.publisher import MeteredPublisher
from adapters.metrics.registry import PasokhMetrics, escalation_kind
from adapters.metrics.responder import MeteredResponder

__all__ = ["MeteredPublisher", "MeteredResponder", "PasokhMetrics", "escalation_kind"]
