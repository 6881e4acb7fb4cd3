"""The site search index: one row per published, public article."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """What the site search knows of one article, kept by ``kolokol.search.index``.

    On PostgreSQL ``vector`` holds the article's words analysed with its
    service's text search configuration. On SQLite the table
    ``search_fts`` (an FTS5 table, rowid = article id) holds them stemmed.
    """

    page = models.OneToOneField(
        "articles.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    service = models.ForeignKey(
        "services.ServiceHomePage", on_delete=models.CASCADE, related_name="+"
    )
    config = models.CharField(_("text search configuration"), max_length=32)
    headline = models.TextField(_("headline"))
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(_("body text"), blank=True)
    topics = models.TextField(_("topics"), blank=True)
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search document")

    def __str__(self) -> str:
        return self.headline
