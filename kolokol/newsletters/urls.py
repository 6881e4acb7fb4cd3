from django.urls import path

from kolokol.newsletters import views

# Django's own routes, not the service page's: the one-click unsubscribe a
# mail client POSTs carries no CSRF token, so its view must be exempt itself.
urlpatterns = [
    path("<slug:service_slug>/newsletter/", views.subscribe_view, name="newsletter"),
    path(
        "<slug:service_slug>/newsletter/confirm/<str:token>/",
        views.confirm_view,
        name="newsletter_confirm",
    ),
    path(
        "<slug:service_slug>/newsletter/unsubscribe/<str:token>/",
        views.unsubscribe_view,
        name="newsletter_unsubscribe",
    ),
]
