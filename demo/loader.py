"""`seed_demo`'s loader: the demo data of demo/data/ into the database, step
by step, through the project's services: the organisations and their people,
the scores, the plans, their progress, then the approval chains and memos;
the overseer of อุบลราชธานี and the province's further offices; last every
executive's second factor. Every step is idempotent."""

from . import (
    assessments,
    memos,
    organizations,
    oversight,
    plans,
    progress,
    second_factor,
)

# The executives' second factor last: the province's further offices
# (oversight) have executives too.
STEPS = (organizations, assessments, plans, progress, memos, oversight, second_factor)


def seed(stdout=None) -> None:
    for step in STEPS:
        step.seed(stdout=stdout)
