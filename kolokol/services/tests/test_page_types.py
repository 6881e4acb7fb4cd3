"""Every page type, checked with Wagtail's own page test helpers.

Where each may be created (the tree a newsroom editor sees: portal >
service > sections, topics, authors > articles and authors' pages), and
that each renders for a reader.
"""

from __future__ import annotations

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from kolokol.articles.models import ArticlePage
from kolokol.factchecks.models import FactCheckIndexPage, FactCheckPage
from kolokol.live.models import LiveBlogPage
from kolokol.people.models import AuthorIndexPage, AuthorPage
from kolokol.programs.models import ProgramPage
from kolokol.sections.models import SectionPage, TopicIndexPage
from kolokol.services.models import PortalPage, ServiceHomePage
from kolokol.testing import factories


class PageTypesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.service("en")
        cls.article = factories.article(cls.home, title="Ferry resumes", topics=["ferries"])

    def test_the_tree_editors_can_build(self):
        self.assertAllowedParentPageTypes(PortalPage, {Page})
        self.assertAllowedSubpageTypes(PortalPage, {ServiceHomePage})
        self.assertAllowedSubpageTypes(
            ServiceHomePage,
            {SectionPage, TopicIndexPage, AuthorIndexPage, FactCheckIndexPage, ProgramPage},
        )
        # Live blogs and fact-checks are kinds of article, filed in sections too.
        self.assertAllowedSubpageTypes(SectionPage, {ArticlePage, LiveBlogPage, FactCheckPage})
        for kind in (LiveBlogPage, FactCheckPage):
            self.assertAllowedParentPageTypes(kind, {SectionPage})
        # A program is a kind of section whose articles are its episodes.
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage, ProgramPage})
        self.assertAllowedSubpageTypes(ProgramPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(AuthorPage, {AuthorIndexPage})
        self.assertAllowedSubpageTypes(TopicIndexPage, set())
        # Articles only in sections, never straight under a service or an author.
        self.assertCanNotCreateAt(ServiceHomePage, ArticlePage)
        self.assertCanNotCreateAt(AuthorIndexPage, ArticlePage)
        self.assertCanCreateAt(SectionPage, ArticlePage)

    def test_every_page_type_renders_for_a_reader(self):
        author = self.article.authors()[0]
        for page in [
            PortalPage.objects.get(),
            self.home,
            self.article.get_parent().specific,
            self.home.topic_index_page(),
            AuthorIndexPage.objects.child_of(self.home).get(),
            author,
            self.article,
        ]:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)
