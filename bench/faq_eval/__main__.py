"""`python -m bench.faq_eval`: matching quality on the labelled set, beside the original
keyword-substring matching (the issue's name for bench/faq_matching's quality half)."""

from bench.faq_matching.evaluate import quality
from bench.faq_matching.evaluation import load_faqs, load_questions

if __name__ == "__main__":
    quality(load_faqs(), load_questions())
