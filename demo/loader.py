"""`seed_demo`'s loader: the demo data of demo/data/ into the database, step
by step, through the project's services: the organisations and their people,
the executives' second factor, the scores, the plans, their progress, then
the approval chains and memos; last the overseer of อุบลราชธานี and the
province's further offices. Every step is idempotent."""

from . import (
    assessments,
    memos,
    organizations,
    oversight,
    plans,
    progress,
    second_factor,
)

STEPS = (organizations, second_factor, assessments, plans, progress, memos, oversight)


def seed(stdout=None) -> None:
    for step in STEPS:
        step.seed(stdout=stdout)
