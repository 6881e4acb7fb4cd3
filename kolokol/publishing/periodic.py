"""Jobs that run every so often for the whole installation, once however many workers run.

Every ``kolokol worker`` asks each round whether a job is due; the period
is cut into numbered slots, and the first worker to move the job's slot on
(a compare-and-set on one row) enqueues the job as a task, which any worker
may then run. Two workers on two machines never both publish the scheduled
pages of one minute.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django_tasks import task

from kolokol.editions.tasks import write_editions
from kolokol.newsletters.tasks import send_digests
from kolokol.publishing import fanout

EVERY = {
    "publish_scheduled": 60,
    "purge_comments": 3600,
    "write_editions": 86400,
    "send_digests": 86400,
}


@task()
def publish_scheduled() -> None:
    """Wagtail's scheduled publishing and expiry (their re-rendering follows from the hooks)."""
    call_command("publish_scheduled", verbosity=0)


@task()
def purge_comments() -> None:
    """Old rejected and spam comments, last days' like tokens and salts; old publishing
    events; finished tasks (a day after they succeeded, a month after they failed); audit
    events older than a year."""
    from kolokol.newsroom import audit

    call_command("purge_comments", verbosity=0)
    fanout.prune()
    audit.prune()
    if settings.KOLOKOL_TASKS == "database":
        call_command("prune_db_task_results", min_age_days=1, failed_min_age_days=30, verbosity=0)


JOBS = {
    "publish_scheduled": publish_scheduled,
    "purge_comments": purge_comments,
    # Signed offline editions, once a day (kolokol/editions/).
    "write_editions": write_editions,
    # Each service's daily newsletter digest (kolokol/newsletters/).
    "send_digests": send_digests,
}
# Job → the last slot this process knows to be taken: asked again only for a new one.
_known: dict[str, int] = {}


def claim(name: str, every: float, now: float | None = None) -> bool:
    """Whether this worker is the one to run ``name`` in the current slot."""
    from kolokol.publishing.models import SharedFact

    slot = int((time.time() if now is None else now) // every)
    key = f"periodic:{name}"
    if _known.get(key, -1) >= slot:
        return False  # this slot is taken (by us or another worker): no need to ask
    try:
        with transaction.atomic():
            fact, created = SharedFact.objects.get_or_create(name=key, defaults={"value": slot})
    except IntegrityError:  # another worker made it at the same moment
        return False
    _known[key] = slot
    if created:
        return True
    if not isinstance(fact.value, int) or fact.value >= slot:
        return False
    # Only the worker that still sees the old slot moves it on.
    return SharedFact.objects.filter(name=key, value=fact.value).update(value=slot) == 1


def enqueue_due(every: dict[str, float] | None = None) -> list[str]:
    """Enqueue the jobs that are due and that this worker claimed; their names."""
    started = []
    for name, seconds in (every or EVERY).items():
        if claim(name, seconds):
            JOBS[name].enqueue()
            started.append(name)
    return started
