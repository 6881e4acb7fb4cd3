"""The read-only JSON API at /api/v1/ and its OpenAPI schema at /api/v1/openapi.json.

There is no interactive documentation page: Ninja's would run inline
script, which the site's Content-Security-Policy forbids. The schema loads
into any OpenAPI viewer a developer runs on their own machine.
"""

# No ``from __future__ import annotations`` here: Ninja and Pydantic read these
# annotations at import time to build the validators and the OpenAPI schema.

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.pagination import paginate

from kolokol.api import ninjs, representation, schemas, selectors
from kolokol.api.filters import ArticleFilters
from kolokol.api.pagination import ArticleCursor
from kolokol.api.throttling import ClientRateThrottle

api = NinjaAPI(
    title="Kolokol API",
    version="1.0.0",
    description=(
        "Read-only access to the published articles of every language service. "
        "Only live, public pages appear. Every answer carries ETag and "
        "Last-Modified and answers If-None-Match / If-Modified-Since with 304."
    ),
    urls_namespace="api-v1",
    docs_url=None,
    throttle=[ClientRateThrottle()],
)
api.add_router("/ninjs/", ninjs.router)

ERRORS = schemas.ERRORS
ARTICLE_ID = Path(..., ge=1, le=schemas.MAX_ID)
SERVICE_FILTER = Query(None, description="Slug of a service, e.g. `ru`.")


@api.get("/services/", response=list[schemas.Service], tags=["services"])
def list_services(request: HttpRequest):
    """Every language service, in the order of the site's tree."""
    return [representation.service(request, home) for home in selectors.services()]


@api.get("/sections/", response={200: list[schemas.Section], **ERRORS}, tags=["sections"])
def list_sections(request: HttpRequest, service: str | None = SERVICE_FILTER):
    """Sections of every service, or of one."""
    home = selectors.service(service) if service else None
    found = selectors.attach_places(selectors.sections(home))
    return [representation.section(request, page) for page in found]


@api.get("/topics/", response={200: list[schemas.Topic], **ERRORS}, tags=["topics"])
def list_topics(request: HttpRequest, service: str | None = SERVICE_FILTER):
    """Topics carried by at least one published article (of one service if asked)."""
    home = selectors.service(service) if service else None
    return [representation.topic(tag) for tag in selectors.topics(home)]


@api.get("/authors/", response={200: list[schemas.Author], **ERRORS}, tags=["authors"])
def list_authors(request: HttpRequest, service: str | None = SERVICE_FILTER):
    """Authors of every service, or of one, by name."""
    home = selectors.service(service) if service else None
    found = selectors.attach_places(selectors.authors(home))
    return [representation.author(request, page) for page in found]


@api.get("/articles/", response={200: list[schemas.ArticleSummary], **ERRORS}, tags=["articles"])
@paginate(ArticleCursor)
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]):
    """Published articles, newest first, twenty a page (up to 100 with `page_size`).

    Follow `next` for older articles; `cursor` values are opaque.
    """
    return filters.apply(selectors.articles())


@api.get("/articles/{article_id}/", response={200: schemas.Article, **ERRORS}, tags=["articles"])
def get_article(request: HttpRequest, article_id: int = ARTICLE_ID):
    """One published article with its body as blocks and as HTML."""
    return representation.detail(request, selectors.article(article_id))


@api.exception_handler(selectors.FilterError)
def bad_filter(request: HttpRequest, exc: selectors.FilterError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=422)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Pydantic's errors name the field in "loc"; Ninja's cursor error is {"cursor": …}.
    names = sorted(
        {str(error["loc"][-1]) if error.get("loc") else next(iter(error)) for error in exc.errors}
    )
    detail = _("Invalid value for: %(names)s.") % {"names": ", ".join(names)}
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=422)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(Throttled)
def too_many(request: HttpRequest, exc: Throttled) -> HttpResponse:
    detail = _("Too many requests. Please wait before asking again.")
    return api.create_response(request, {"detail": detail}, status=429)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
