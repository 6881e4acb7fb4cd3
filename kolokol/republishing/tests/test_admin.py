"""What editors see and do: the service's republishing settings, each article's choice."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kolokol.articles.models import ArticlePage
from kolokol.republishing.licences import LICENCES
from kolokol.services.models import RepublishingLicence
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "chief", "chief@example.org", "a-long-pass-phrase"
    )
    verified_login(client, user)
    return client


def test_an_editor_opts_an_article_out(editor):
    home = factories.service("en", republishing_allowed=True, republishing_licence="cc-by-nd-4.0")
    article = factories.article(home, title="Harbour wall repaired")
    edit_url = f"/admin/pages/{article.pk}/edit/"
    form = editor.get(edit_url).content.decode()
    select = re.search(r'<select name="republishing".*?</select>', form, re.S)[0]
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select) == [
        "as the service decides",
        "allowed",
        "not allowed",
    ]
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "kicker": "",
            "standfirst": article.standfirst,
            "dateline": "",
            "lead_image": "",
            "lead_image_caption": "",
            "bylines": inline_formset(
                [{"id": b.pk, "author": b.author_id} for b in article.bylines.all()], initial=1
            ),
            "body": streamfield([("paragraph", rich_text("<p>The wall is whole.</p>"))]),
            "tags": "",
            "article_notes": inline_formset([]),
            "republishing": "False",
            "action-publish": "publish",
        }
    )
    response = editor.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.republishing is False and not article.republishable
    assert editor.get(f"{article.url}republish/").status_code == 404


def test_the_service_settings_offer_the_licences():
    home = factories.service("en")
    # Partners are offered nothing until an editor turns it on and picks a licence.
    assert home.republishing_allowed is False and home.republishing_licence == ""
    home.republishing_allowed = True
    with pytest.raises(ValidationError) as refused:
        home.full_clean()
    assert "republishing_licence" in refused.value.message_dict
    home.republishing_licence = RepublishingLicence.CC_BY
    home.full_clean()
    form_class = type(home).get_edit_handler().get_form_class()
    fields = form_class(instance=home, for_user=None).fields
    assert {"republishing_allowed", "republishing_licence", "republishing_terms"} <= set(fields)
    assert [value for value, _label in fields["republishing_licence"].choices] == [
        "",  # none chosen yet
        "cc-by-4.0",
        "cc-by-nd-4.0",
        "cc-by-nc-nd-4.0",
    ]


def test_every_licence_has_its_deed():
    assert set(LICENCES) == set(RepublishingLicence.values)
    for code, licence in LICENCES.items():
        assert licence.deed == f"https://creativecommons.org/licenses/{code[3:-4]}/4.0/"
        assert licence.name.startswith("CC ") and licence.name.endswith(" 4.0")
