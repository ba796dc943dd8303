"""`python -m bench.faq_eval`: answer quality on labelled catalogs of several businesses,
for held-out domains only.

For each domain, the answering policy is fitted on the other domains and measured on it;
the figures printed are those held-out figures, per domain and overall, with the
embedded model (`local`) and without it (`none`). `--fit` prints the weights fitted on every
domain, which is what src/domain/answering.py ships.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from bench.faq_eval.data import CachedEmbedder, cases, domains
from bench.faq_eval.policy_fit import Figures, fit, measure

COLUMNS = ("right", "wrong", "right_or_offered", "false_answers", "offers_on_unanswerable",
           "recall@5", "top1")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.faq_eval")
    parser.add_argument("--fit", action="store_true", help="print weights fitted on all")
    parser.add_argument("--no-meaning", action="store_true", help="lexical only")
    parser.add_argument("--quick", type=int, metavar="N", default=0,
                        help="only the first N questions of each domain (a smoke run)")
    args = parser.parse_args()
    embedder = CachedEmbedder()
    chosen = domains()
    if args.quick:
        chosen = [replace(d, questions=d.questions[:args.quick]) for d in chosen]
    everything = {d.name: (d, cases(d, embedder)) for d in chosen}
    paths = [False] if args.no_meaning else [False, True]
    for dense in paths:
        if args.fit:
            every = [c for _, found in everything.values() for c in found]
            print(("with_meaning" if dense else "lexical_only"), fit(every, dense))
            continue
        print(f"\n== {'local (lexical + meaning)' if dense else 'none (lexical only)'}; "
              "each domain held out of the fit ==")
        print(f"{'domain':10} {'n':>4} " + " ".join(f"{c:>14}" for c in COLUMNS))
        total = Figures()
        for name, (domain, found) in everything.items():
            training = [c for other, (_, f) in everything.items() if other != name for c in f]
            weights = fit(training, dense)
            figures = measure(weights, found, dense)
            total = total.add(figures)
            row = figures.row()
            print(f"{name:10} {len(domain.questions):>4} "
                  + " ".join(f"{row[c]:>14.1%}" for c in COLUMNS))
        row = total.row()
        print(f"{'overall':10} {total.answerable + total.unanswerable:>4} "
              + " ".join(f"{row[c]:>14.1%}" for c in COLUMNS))


if __name__ == "__main__":
    main()
