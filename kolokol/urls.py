from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kolokol.core import textsize
from kolokol.media import views as media_views
from kolokol.newsroom import admin_views as newsroom_admin
from kolokol.newsroom import throttle
from kolokol.publishing import health, metrics

urlpatterns = [
    # Before Wagtail's own, which they wrap: throttled (kolokol/newsroom/throttle.py).
    path(
        "admin/password_reset/",
        throttle.ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttle.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Scoped to the user's own services (kolokol/newsroom/scope.py).
    path(
        "admin/tag-autocomplete/",
        newsroom_admin.tag_autocomplete,
        name="wagtailadmin_tag_autocomplete",
    ),
    path(
        "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        newsroom_admin.tag_autocomplete,
        name="wagtailadmin_tag_model_autocomplete",
    ),
    # Making and using passkeys (django-otp-webauthn's JSON endpoints), beside
    # the two-step pages that kolokol/twostep/ adds to the admin.
    path("admin/two-step/passkeys/", include("django_otp_webauthn.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("text-size/", textsize.choose, name="text_size"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("", include("kolokol.seo.urls")),
    path("api/", include("kolokol.api.urls")),
    path("", include("kolokol.comments.urls")),
    path("", include("kolokol.newsletters.urls")),
]

media_prefix = settings.MEDIA_URL.lstrip("/")
# Originals go to editors only, from the app even where nginx serves the rest.
urlpatterns.append(re_path(rf"^{media_prefix}original_images/(?P<path>.*)$", media_views.original))
if settings.KOLOKOL_SERVE_MEDIA:
    # The embedded default has no web server in front; production serves
    # /media/ from nginx or object storage and turns this off.
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", media_views.public))

urlpatterns.append(path("", include("kolokol.feeds.urls")))
urlpatterns.append(path("", include("kolokol.live.urls")))
urlpatterns.append(path("", include("kolokol.programs.urls")))
urlpatterns.append(path("", include("kolokol.editions.urls")))

# Wagtail serves every other path from the page tree; it must come last.
urlpatterns.append(path("", include(wagtail_urls)))

handler404 = "kolokol.services.views.page_not_found"
