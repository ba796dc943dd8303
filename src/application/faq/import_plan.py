"""Which catalog commands bring a file's FAQs into the catalog, decided before any runs.

An entry with an id updates the FAQ of that id, or adds it under that id. An entry
without an id updates the one FAQ that has the same question, or adds a new FAQ.
An FAQ that already reads as the entry needs no command, so a second import of the same
file changes nothing. With `replace`, the FAQs that no entry names are removed.
The plan runs as one ImportFAQs command, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from application.commands import AddFAQ, ImportFAQs, RemoveFAQ, UpdateFAQ
from application.faq.entries import FAQEntry, ImportRefused, RowProblem
from domain.faq import FAQ


@dataclass
class ImportPlan:
    commands: list[AddFAQ | UpdateFAQ | RemoveFAQ] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def command(self) -> ImportFAQs:
        """The whole plan as one command: one transaction, all of it or none."""
        return ImportFAQs(tuple(self.commands))


def plan_import(entries: Sequence[FAQEntry], catalog: Sequence[FAQ],
                replace: bool = False) -> ImportPlan:
    """The commands to run, in file order; ImportRefused if entries clash."""
    existing = {faq.id: faq for faq in catalog}
    by_question: dict[str, list[str]] = {}
    for faq in catalog:
        by_question.setdefault(faq.question, []).append(faq.id)
    targets: dict[str, int] = {}  # an existing or given id, or "?question" -> first row
    problems: list[RowProblem] = []
    plan = ImportPlan()
    for entry in entries:
        target, problem = _target(entry, by_question, targets)
        if problem is not None:
            problems.append(problem)
            continue
        targets[target] = entry.row
        _plan_entry(plan, entry, existing.get(target))
    if problems:
        raise ImportRefused(problems)
    if replace:
        plan.commands += [RemoveFAQ(faq.id) for faq in catalog if faq.id not in targets]
        plan.removed = len(catalog) - len(existing.keys() & targets.keys())
    return plan


def _target(entry: FAQEntry, by_question: dict[str, list[str]],
            taken: dict[str, int]) -> tuple[str, RowProblem | None]:
    if entry.faq_id is not None:
        first = taken.get(entry.faq_id)
        clash = f"names the same FAQ as row {first}"
        return entry.faq_id, None if first is None else RowProblem(entry.row, "id", clash)
    question = entry.content.question
    same = by_question.get(question, [])
    if len(same) > 1:
        return "", RowProblem(entry.row, "question", f"is the question of {len(same)} FAQs "
                              f"({', '.join(sorted(same))}); give the id of the one to update")
    target = same[0] if same else f"?{question}"  # "?" never starts an id
    first = taken.get(target)
    if first is None:
        return target, None
    clash = f"is the question of FAQ {target}, which" if same else "repeats a question"
    return target, RowProblem(entry.row, "question", f"{clash} row {first} already imports")


def _plan_entry(plan: ImportPlan, entry: FAQEntry, old: FAQ | None) -> None:
    if old is None:
        plan.commands.append(AddFAQ(entry.content, faq_id=entry.faq_id))
        plan.added += 1
    elif old.content == entry.content:
        plan.unchanged += 1
    else:
        plan.commands.append(UpdateFAQ(old.id, entry.content))
        plan.updated += 1
