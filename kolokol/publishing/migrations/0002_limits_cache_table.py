"""The table of the "limits" cache (settings.CACHES), made here so that every
installation has it, whichever cache settings it runs with today: switching
Redis off later must not leave reader limits without their table."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "kolokol_limits"


def create(apps, schema_editor):
    # Django's own command makes it as DatabaseCache expects; it skips a table that exists.
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
