from wagtail import hooks

from kolokol.republishing import views
from kolokol.republishing.addresses import REPUBLISH

# ``<article>/republish/`` (kolokol.articles.models.article_view).
hooks.register(f"kolokol_article_{REPUBLISH}", views.republish)
