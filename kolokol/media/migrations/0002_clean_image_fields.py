"""Image files are stored without location or device data (kolokol/media/metadata.py).

The field change only swaps the class that cleans each new file; the
RunPython step cleans the pictures stored before it.
"""

import io

import wagtail.images.models
from django.core.files.base import ContentFile
from django.db import migrations
from wagtail.utils.file import hash_filelike

import kolokol.media.models
from kolokol.media.metadata import Unreadable, clean


def clean_stored_pictures(apps, schema_editor):
    """Rewrite every stored original and rendition without its metadata.

    Each file keeps its name, so the pages already in the store and the
    mirrors keep pointing at it.
    """
    for model_name, reencode in (("NewsImage", True), ("NewsRendition", False)):
        model = apps.get_model("media", model_name)
        for item in model.objects.iterator():
            storage, name = item.file.storage, item.file.name
            try:
                with storage.open(name, "rb") as handle:
                    data = handle.read()
                cleaned = clean(data, reencode=reencode)
            except (OSError, Unreadable):
                continue  # a missing or broken file has nothing left to leak
            if cleaned == data:
                continue
            storage.delete(name)
            stored = storage.save(name, ContentFile(cleaned))
            fields = {"file": stored}
            if model_name == "NewsImage":
                fields |= {"file_size": len(cleaned), "file_hash": hash_filelike(io.BytesIO(cleaned))}
            model.objects.filter(pk=item.pk).update(**fields)


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="newsimage",
            name="file",
            field=kolokol.media.models.CleanImageField(
                height_field="height",
                upload_to=wagtail.images.models.get_upload_to,
                verbose_name="file",
                width_field="width",
            ),
        ),
        migrations.AlterField(
            model_name="newsrendition",
            name="file",
            field=kolokol.media.models.CleanImageField(
                height_field="height",
                reencode=False,
                storage=wagtail.images.models.get_rendition_storage,
                upload_to=wagtail.images.models.get_rendition_upload_to,
                width_field="width",
            ),
        ),
        migrations.RunPython(clean_stored_pictures, migrations.RunPython.noop, elidable=True),
    ]
