"""The score import's background job (`assessments.imports` says how a
request starts it and follows it). A try that raises (the database away for
a moment) is retried with back-off (2, 4 s); after the last the job is
marked failed and its page asks for the file again. A file with wrong rows
is not a failure: its outcome lists them."""

from celery import shared_task

from . import imports

MAX_RETRIES = 2


@shared_task(name="assessments.import_scores", bind=True, max_retries=MAX_RETRIES)
def import_scores(self, job_id: str, name: str, language: str) -> int:
    """Import one stored score file (`imports.run`); returns how many scores
    were saved."""
    try:
        return imports.run(job_id, name, language).count
    except Exception as error:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            imports.fail(job_id, name)
            raise
        raise self.retry(
            exc=error, countdown=2 ** (self.request.retries + 1)
        ) from error
