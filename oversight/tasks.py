"""The overview's export as a background job (oversight/exports.py), retried
with back-off as the documents' renders are (reports/tasks.py)."""

from celery import shared_task

from reports.tasks import MAX_RETRIES, attempt

from . import exports


@shared_task(name="oversight.export", bind=True, max_retries=MAX_RETRIES)
def export(self, export_id, user_pk, fiscal_year, query, base_url, language):
    return attempt(
        self,
        lambda: exports.build(
            export_id, user_pk, fiscal_year, query, base_url, language
        ),
        lambda: exports.give_up(export_id, user_pk, fiscal_year),
    )
