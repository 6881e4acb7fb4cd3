"""The article editor's form."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kolokol.core.slugs import NewsroomPageForm


class ArticlePageForm(NewsroomPageForm):
    """An article needs a byline to be published, not to be saved as a draft.

    The byline list starts empty (a blank row would refuse the reporter's
    first draft: Wagtail validates it before relaxing the minimum), and the
    check that there is at least one name runs only for publishing and for
    submitting to review, where Wagtail validates everything.
    """

    def __init__(self, *args, **kwargs) -> None:
        # A new article starts with the writer's own byline, when they have one.
        instance, user = kwargs.get("instance"), kwargs.get("for_user")
        parent = kwargs.get("parent_page")
        unbound = not args and kwargs.get("data") is None
        if instance is not None and not instance.pk and unbound and parent is not None:
            # Both models are reached through the byline relation: the
            # author pages' app is built on this one and is not imported.
            byline = instance._meta.get_field("bylines").related_model
            authors = byline._meta.get_field("author").related_model
            own = authors.of(user, getattr(parent.specific, "service", None))
            if own is not None:
                instance.bylines = [byline(author=own)]
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        bylines = self.formsets.get("bylines")
        if bylines is None or self.is_deferred_validation or not bylines.is_valid():
            return cleaned_data  # a row's own error is shown beside it
        # (ClusterForm validates the formsets after this form; is_valid()
        # above has run their validation early, and it is cached.)
        named = [
            form
            for form in bylines.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("author")
            and not form.cleaned_data.get("DELETE")
        ]
        if not named:
            self.add_error(None, _("Add at least one byline before publishing."))
        return cleaned_data
