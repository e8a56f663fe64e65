"""Background processing, run by ``manage.py db_worker`` (django-tasks database backend)."""

from django_tasks import task


@task()
def process_model(model_id: int) -> str:
    from .services import run_processing

    instance = run_processing(model_id)
    return instance.status if instance else "gone"
