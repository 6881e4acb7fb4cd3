"""A section added after the roles were set up gets the service's page permissions."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from kolokol.sections.models import SectionPage


@receiver(post_save, sender=SectionPage)
def on_section_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from kolokol.newsroom.roles import grant_section

        grant_section(instance)
