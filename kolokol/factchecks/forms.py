"""The fact-check editor's form."""

from __future__ import annotations

from kolokol.articles.forms import ArticlePageForm


class FactCheckPageForm(ArticlePageForm):
    """An article's form whose verdicts are those of the service the page is filed in.

    Each service has its own scale in its own language; offering another
    service's verdicts would only invite a mistake (``FactCheckPage.clean``
    refuses one anyway). Best verdict first, as on the index's legend.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("rating")
        if field is None:
            return
        parent = kwargs.get("parent_page")
        service = getattr(parent.specific, "service", None) if parent is not None else None
        if service is None and self.instance.pk:
            service = self.instance.service
        ratings = field.queryset.order_by("-value")
        field.queryset = ratings.filter(service=service) if service is not None else ratings.none()
