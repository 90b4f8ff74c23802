"""Every change to plans, measures, templates and progress: keyword-only
functions named ``<entity>_<action>``, each in one transaction. Views,
commands, the memo chain (`reports`) and the demo call these, and nothing
else writes these rows.

- `plans`: generate a draft from last year's scores; edit its title, layout
  and analysis.
- `measures`: a draft's measures; the organisation's own templates.
- `workflow`: a plan's way to approval and publication, and its revisions.
- `progress`: progress updates and reporting rounds (O43).
- `reminders`: the daily reminder e-mails to division heads.
"""

from .measures import (
    measure_delete,
    measure_move,
    measure_save,
    template_copy,
    template_delete,
    template_save,
    template_set_hidden,
)
from .plans import analysis_update, plan_generate, plan_update
from .progress import (
    progress_update_create,
    round_approve,
    round_close,
    round_open,
    round_publish,
)
from .reminders import overdue_notify, reminders_send
from .workflow import (
    plan_approve,
    plan_delete,
    plan_publish,
    plan_return,
    plan_revise,
    plan_submit,
)

__all__ = [
    "analysis_update",
    "measure_delete",
    "measure_move",
    "measure_save",
    "overdue_notify",
    "plan_approve",
    "plan_delete",
    "plan_generate",
    "plan_publish",
    "plan_return",
    "plan_revise",
    "plan_submit",
    "plan_update",
    "progress_update_create",
    "reminders_send",
    "round_approve",
    "round_close",
    "round_open",
    "round_publish",
    "template_copy",
    "template_delete",
    "template_save",
    "template_set_hidden",
]
