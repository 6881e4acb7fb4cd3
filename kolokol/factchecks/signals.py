"""A new language service starts with the default rating scale, in its language.

However the service is made (``kolokol service add``, Settings → Language
services, the demo, a copy in the page tree), its home page is created
once; the services app is built below this one and does not call it.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from kolokol.factchecks.scale import ensure_default_scale
from kolokol.services.models import ServiceHomePage


@receiver(post_save, sender=ServiceHomePage)
def new_service_gets_the_default_scale(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_default_scale(instance)
