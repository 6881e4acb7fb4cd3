"""The newsroom in Wagtail's admin: review feedback where the writer works."""

from wagtail import hooks

from kolokol.newsroom import feedback, writing


@hooks.register("construct_homepage_panels")
def changes_requested_panel(request, panels):
    panels.append(feedback.FeedbackPanel(request))


@hooks.register("before_edit_page")
def changes_requested_message(request, page):
    feedback.show_on_page(request, page)


@hooks.register("construct_homepage_panels")
def new_article_panel(request, panels):
    panels.append(writing.NewArticlePanel(request))
