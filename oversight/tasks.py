"""The overview's export as a background job (oversight/exports.py), retried
with back-off as the documents' renders are (reports/tasks.py), and the
hourly clean-up of the exports past their time."""

from celery import shared_task

from reports.tasks import MAX_RETRIES, attempt

from . import exports


@shared_task(name="oversight.export", bind=True, max_retries=MAX_RETRIES)
def export(self, export_id, query, base_url, language):
    return attempt(
        self,
        lambda: exports.build(export_id, query, base_url, language),
        lambda: exports.give_up(export_id),
    )


@shared_task(name="oversight.exports_remove_old")
def exports_remove_old() -> int:
    return exports.exports_remove_old()
