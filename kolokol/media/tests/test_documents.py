"""A document in a private collection is served to no one who may not see it."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_a_document_of_a_signed_in_only_collection_stays_private(
    client, settings, django_user_model
):
    settings.KOLOKOL_SERVE_MEDIA = True
    factories.wagtail_tree()
    internal = Collection.get_first_root_node().add_child(name="Newsroom only")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    memo = Document(title="Source contacts", collection=internal)
    memo.file.save("contacts.txt", ContentFile(b"names and numbers"))

    served = client.get(memo.url)
    assert served.status_code == 302 and "/login" in served["Location"]
    # Nor by its file's own address, which Wagtail's view would otherwise
    # leave open (granian and nginx refuse /media/documents/ as well).
    assert client.get(settings.MEDIA_URL + memo.file.name).status_code == 404

    client.force_login(django_user_model.objects.create_user("anna"))
    served = client.get(memo.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"names and numbers"
