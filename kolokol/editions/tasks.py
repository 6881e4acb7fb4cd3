from django_tasks import task

from kolokol.editions.issue import issue_all


@task()
def write_editions() -> None:
    """Each service's signed offline edition of the last days (once a day, ``kolokol worker``)."""
    issue_all()
