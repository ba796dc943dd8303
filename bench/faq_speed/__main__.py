"""`python -m bench.faq_speed`: match latency (p50, p99) up to a 10,000-FAQ catalog
(the issue's name for bench/faq_matching's speed half)."""

from bench.faq_matching.evaluate import speed
from bench.faq_matching.evaluation import load_faqs, load_questions

if __name__ == "__main__":
    speed(load_faqs(), load_questions())
