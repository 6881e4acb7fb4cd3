from django.urls import path

from kolokol.comments import views

# Under each service's own address so that the 503 page of an outage, which
# knows services by their first path segment, answers in the right language.
urlpatterns = [
    path("<slug:service_slug>/comments/<int:article_id>/", views.comment_form, name="comment_form"),
    path("<slug:service_slug>/likes/<int:article_id>/", views.like, name="like"),
]
