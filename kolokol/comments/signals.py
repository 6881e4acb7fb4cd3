"""What the comments app tells the apps built on it."""

from django.dispatch import Signal

# Sent with ``article`` once a change readers can see (a comment approved,
# hidden or deleted, a like counted) is made: the publisher, which this app
# does not know, renders the article's page again (``kolokol.publishing.signals``).
article_comments_changed = Signal()
