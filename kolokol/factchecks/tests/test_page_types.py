"""The fact-check page types, checked with Wagtail's own page test helpers."""

from __future__ import annotations

from wagtail.test.utils import WagtailPageTestCase

from kolokol.articles.models import ArticlePage
from kolokol.factchecks.models import FactCheckIndexPage, FactCheckPage
from kolokol.factchecks.tests import factories as fc
from kolokol.sections.models import SectionPage
from kolokol.services.models import ServiceHomePage
from kolokol.testing import factories


class FactCheckPageTypesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.service("en")
        cls.index = fc.index(cls.home)
        cls.fact_check = fc.fact_check(cls.home, topics=["ferries"])

    def test_where_editors_may_make_them(self):
        self.assertAllowedParentPageTypes(FactCheckPage, {SectionPage})
        self.assertAllowedSubpageTypes(FactCheckPage, set())
        self.assertAllowedParentPageTypes(FactCheckIndexPage, {ServiceHomePage})
        self.assertAllowedSubpageTypes(FactCheckIndexPage, set())
        self.assertCanCreateAt(SectionPage, FactCheckPage)
        self.assertCanNotCreateAt(ServiceHomePage, FactCheckPage)
        self.assertCanNotCreateAt(SectionPage, FactCheckIndexPage)
        # Sections keep taking plain articles.
        self.assertCanCreateAt(SectionPage, ArticlePage)

    def test_they_render_for_a_reader(self):
        for page in (self.fact_check, self.index):
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(self.index, route_path="/page/1/")
