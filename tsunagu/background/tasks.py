"""The one task the queue knows (django-tasks, database backend): run a background job by its id. The
job's record holds everything else; the task's own row (django_tasks_db) never holds an exception's text,
since run_job keeps every failure to itself."""

from django_tasks import task


@task()
def run_background_job(job_id: int) -> str:
    from tsunagu.background.runner import run_job

    return run_job(job_id)
