"""Services made before fact-checks existed get the default rating scale.

New services get it when they are made (``factchecks.signals``). The
labels come from ``scale.default_ratings`` as plain data, in each
service's language; a service that already has ratings keeps them.
"""

from django.db import migrations


def default_scales(apps, schema_editor):
    from kolokol.factchecks.scale import default_ratings

    ServiceHomePage = apps.get_model("services", "ServiceHomePage")
    Rating = apps.get_model("factchecks", "Rating")
    for service in ServiceHomePage.objects.exclude(fact_check_ratings__isnull=False):
        Rating.objects.bulk_create(
            [Rating(service=service, **row) for row in default_ratings(service.language)]
        )


class Migration(migrations.Migration):
    dependencies = [("factchecks", "0001_initial")]

    operations = [migrations.RunPython(default_scales, migrations.RunPython.noop)]
