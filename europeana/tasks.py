"""Background work of the open-data side, run by ``manage.py db_worker``."""

from django_tasks import task


@task()
def build_dataset(country: str | None = None) -> bool:
    """Rebuild one dataset zip (a country's, or all countries' for None) if content changed."""
    from .dataset_files import build

    return build(country)
