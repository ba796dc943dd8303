"""Lists the tuning part's misses, so a change to the matcher is guided by them alone.

Held-out questions are neither printed nor counted: reading them, or watching their count
move, would tune the matcher on them. `python -m bench.faq_eval` gives the held-out figures
once a change is final; pass --all only then, to inspect the held-out misses too.

    .venv/bin/python -m bench.faq_matching.misses
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.faq_matching.evaluation import (
    DEFAULT_THRESHOLD,
    build_index,
    evaluate,
    load_faqs,
    load_questions,
    matcher,
)


def main(show_holdout: bool = False) -> None:
    index = build_index(load_faqs())
    for question in load_questions():
        ranked = index.rank(question.text, 3)
        best = ranked[0] if ranked and ranked[0].confidence >= DEFAULT_THRESHOLD else None
        got = best.faq.id if best else None
        if got == question.expected:
            continue
        if question.split != "tune" and not show_holdout:
            continue
        kind = ("false answer" if question.expected is None else
                "wrong FAQ" if got else
                "under threshold" if ranked and ranked[0].faq.id == question.expected else
                "ranked below" if any(m.faq.id == question.expected for m in ranked) else
                "not found")
        top = ", ".join(f"{m.faq.id} {m.confidence:.2f}" for m in ranked)
        print(f"[{question.split}] {kind:15} {question.expected or '-':22} "
              f"{question.variant:15} {question.text}   -> {top}")
    tuning = [q for q in load_questions() if q.split == "tune"]
    figures = evaluate(matcher(index), tuning)
    print(f"tuning part: accuracy {figures.recall:.1%}, wrong {figures.wrong}, "
          f"false answers {figures.false_answers}/{figures.unanswerable} "
          f"({figures.false_answer_rate:.1%})")



if __name__ == "__main__":
    main("--all" in sys.argv[1:])
