"""The people who write for a service."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from kolokol.articles.models import ArticlePage
from kolokol.core.pages import archive_page
from kolokol.services.models import ServicePageMixin


class AuthorIndexPage(ServicePageMixin, Page):
    """The list of a service's authors at ``authors/``."""

    parent_page_types = ["services.ServiceHomePage"]
    subpage_types = ["people.AuthorPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("author index")

    def get_context(self, request: HttpRequest, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = (
            AuthorPage.objects.child_of(self).live().select_related("photo").order_by("title")
        )
        return context


class AuthorPage(ServicePageMixin, RoutablePageMixin, Page):
    """A writer's page: who they are and what they have written for this service.

    The page title is the name as it appears in bylines.
    """

    role = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_("As shown under the name, e.g. “Correspondent in Bishkek”."),
    )
    bio = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link"])
    photo = models.ForeignKey(
        "media.NewsImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_pages",
        help_text=_("Whose byline this is: their new articles start with it."),
    )

    content_panels = [
        TitleFieldPanel("title", heading=_("Name"), placeholder=_("Name")),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user", permission="auth.change_user"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("bio")]
    parent_page_types = ["people.AuthorIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("author")

    @classmethod
    def of(cls, user, service) -> AuthorPage | None:
        """``user``'s byline in ``service``, if they have one."""
        if not getattr(user, "is_authenticated", False) or service is None:
            return None
        return cls.objects.descendant_of(service).filter(user=user).first()

    @classmethod
    def for_user(cls, user, service) -> AuthorPage:
        """``user``'s byline in ``service``: linked by their name, or made and published."""
        found = cls.of(user, service)
        if found is not None:
            return found
        name = user.get_full_name() or user.get_username()
        found = cls.objects.descendant_of(service).filter(title=name, user=None).first()
        if found is not None:
            found.user = user
            found.save(update_fields=["user"])
            return found
        index = AuthorIndexPage.objects.child_of(service).first()
        page = cls(title=name, user=user)
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    def articles(self):
        articles = ArticlePage.objects.by_author(self).listed()
        return articles.select_related("lead_image")

    @property
    def listing_key(self) -> tuple:
        """Names this author's listing for ``newest_ids`` (their pages, feed, the publisher)."""
        return ("author", self.pk)

    @path("")
    @path("page/<int:number>/")
    def listing(self, request: HttpRequest, number: int | None = None):
        return self.render(
            request,
            context_overrides={
                "articles": archive_page(self.articles(), number, key=self.listing_key)
            },
        )
