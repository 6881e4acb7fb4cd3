"""The data migration that took comment text out of Wagtail's history entries."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("comments", "0001_initial")]
AFTER = [("comments", "0002_log_entries_without_comment_text")]


def migrate(targets=None):
    """Migrate to ``targets``; without them, to the latest migrations (as the suite expects)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_history_entries_name_comments_by_number_not_by_their_words():
    apps = migrate(BEFORE)
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    kind, _ = ContentType.objects.get_or_create(app_label="comments", model="comment")
    other, _ = ContentType.objects.get_or_create(app_label="breaking", model="breakingnews")
    said = ModelLogEntry.objects.create(
        content_type=kind,
        object_id="41",
        label="My neighbour on Lenin street saw the police take…",
        action="wagtail.create",
        timestamp="2026-12-01T10:00:00Z",
    )
    kept = ModelLogEntry.objects.create(
        content_type=other,
        object_id="7",
        label="Bridge closed",
        action="wagtail.create",
        timestamp="2026-12-01T10:00:00Z",
    )
    try:
        apps = migrate(AFTER)
        ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
        assert ModelLogEntry.objects.get(pk=said.pk).label == "Comment #41"
        assert ModelLogEntry.objects.get(pk=kept.pk).label == "Bridge closed"
    finally:
        migrate()  # every app's latest, not this one's 0002: later tests need them
