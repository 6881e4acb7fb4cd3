"""The newsroom in Wagtail's admin: review feedback where the writer works."""

from wagtail import hooks

from kolokol.newsroom import feedback, scope, writing


@hooks.register("construct_homepage_panels")
def changes_requested_panel(request, panels):
    panels.append(feedback.FeedbackPanel(request))


@hooks.register("before_edit_page")
def changes_requested_message(request, page):
    feedback.show_on_page(request, page)


@hooks.register("construct_homepage_panels")
def new_article_panel(request, panels):
    panels.append(writing.NewArticlePanel(request))


@hooks.register("construct_page_chooser_queryset")
def pages_in_own_services(pages, request):
    return scope.pages_in_own_services(pages, request.user)


@hooks.register("construct_image_chooser_queryset")
def images_in_own_services(images, request):
    return scope.media_in_own_services(images, request.user)


@hooks.register("construct_document_chooser_queryset")
def documents_in_own_services(documents, request):
    return scope.media_in_own_services(documents, request.user)
