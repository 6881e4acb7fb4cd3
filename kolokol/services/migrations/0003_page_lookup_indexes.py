"""Indexes on Wagtail's page table for how Kolokol reads it.

Routing looks pages up by ``url_path`` (PortalPage.route) and an
incremental export asks what was published since (``last_published_at``);
Wagtail indexes neither, so at 100,000 articles both were table scans.
Plain SQL that SQLite and PostgreSQL both accept.
"""

from django.db import migrations

INDEXES = {
    "kolokol_page_url_path": "url_path",
    "kolokol_page_last_published_at": "last_published_at",
}


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0002_mirrors"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page ({column})",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, column in INDEXES.items()
    ]
