"""History entries named comments by their first 60 characters; name them by number.

Wagtail's site history shows every model's entries to anyone with a
permission on the model, whatever the service, and the entries outlive the
comments they name.
"""

from django.db import migrations


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    kind = ContentType.objects.filter(app_label="comments", model="comment").first()
    if kind is None:
        return
    for entry in ModelLogEntry.objects.filter(content_type=kind).only("pk", "object_id"):
        ModelLogEntry.objects.filter(pk=entry.pk).update(label=f"Comment #{entry.object_id}")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0063_modellogentry"),
    ]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
