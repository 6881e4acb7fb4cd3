"""The dynamic side of comments and likes: the comment form and the like button.

Article pages are rendered once and served to everyone from the store, so
they cannot carry a reader's CSRF token. They show the comments and a link
to this form page instead; rendering the form is the only moment a reader
is given a cookie (Django's CSRF cookie, holding nothing but a random
token), and only readers who open the form get it. Reading never sets one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.cache import caches
from django.db import DatabaseError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from kolokol.articles.models import ArticlePage
from kolokol.comments import guard, likes, moderation, text
from kolokol.comments.models import Comment, CommentPolicy, State
from kolokol.core import numerals, readers
from kolokol.core.outage import RETRY_AFTER_SECONDS, is_outage, language_for

LIKE_RENDER_EVERY = 5  # seconds: at most one re-render of an article per burst of likes


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def article_for(service_slug: str, article_id: int) -> ArticlePage:
    article = ArticlePage.objects.live().public().filter(pk=article_id).first()
    if article is None or article.service is None or article.service.slug != service_slug:
        raise Http404
    return article


def form_context(request: HttpRequest, article: ArticlePage, policy: CommentPolicy, **extra):
    service = article.service
    reply_to = extra.pop("reply_to", None)
    context = {
        "page": article,
        "article": article,
        "service": service,
        "policy": policy,
        "open": policy.is_open(article),
        "reply_to": reply_to,
        "token": guard.form_token(article.pk),
        "name": "",
        "body": "",
        **service.chrome_context(),
        **extra,
    }
    return context


def reply_target(article: ArticlePage, value: str | None) -> Comment | None:
    """The approved comment being answered; a reply to a reply answers its parent."""
    pk = text.as_id(value)
    if pk is None:
        return None
    comment = Comment.objects.approved().filter(article=article, pk=pk).first()
    if comment is not None and comment.parent_id:
        comment = comment.parent
    return comment


@never_cache
@require_http_methods(["GET", "POST"])
def comment_form(request: HttpRequest, service_slug: str, article_id: int) -> HttpResponse:
    try:
        return _comment_form(request, service_slug, article_id)
    except DatabaseError as error:
        if not is_outage(error):
            raise
        return unavailable(request)


def _comment_form(request: HttpRequest, service_slug: str, article_id: int) -> HttpResponse:
    article = article_for(service_slug, article_id)
    service = article.service
    service.activate(request)
    policy = CommentPolicy.for_service(service)
    if request.method == "GET":
        context = form_context(
            request, article, policy, reply_to=reply_target(article, request.GET.get("reply"))
        )
        return TemplateResponse(request, "comments/comment_form.html", context)

    name = text.normalise(request.POST.get("name", ""))[:60]
    body = text.normalise(request.POST.get("body", ""))
    reply_to = reply_target(article, request.POST.get("parent"))
    try:
        if not policy.is_open(article):
            raise guard.Refused(_("Comments on this article are closed."))
        if request.POST.get("website"):
            # The honeypot: invisible to people, filled in by robots.
            raise guard.Refused(_("The comment could not be accepted. Please try again."))
        guard.check_timing(request.POST.get("ts", ""), article.pk)
        guard.check_content(body, name, policy)
        reader = readers.fingerprint(request)
        guard.check_rate(readers.address_key(request), article.pk)
        guard.spend_stamp(request.POST.get("ts", ""))
        guard.check_duplicate(body, reader, article)
    except guard.Refused as refusal:
        return refused(request, article, policy, refusal.message, name, body, reply_to)

    comment = moderation.submit(
        article=article, policy=policy, name=name, body=body, parent=reply_to
    )
    published = comment.state == State.APPROVED
    message = (
        _("Thank you. Your comment is published.")
        if published
        else _("Thank you. Your comment will appear once a moderator approves it.")
    )
    if wants_json(request):
        html = (
            render_to_string(
                "comments/comment.html",
                {
                    "comment": comment,
                    "article": article,
                    "open": True,
                    "like_url": reverse("like", args=[service.slug, article.pk]),
                    "form_url": reverse("comment_form", args=[service.slug, article.pk]),
                },
            )
            if published
            else ""
        )
        return JsonResponse(
            {
                "ok": True,
                "message": message,
                "html": html,
                "parent": comment.parent_id,
                # The form stays open for another comment, with a stamp of its own.
                "ts": guard.form_token(article.pk),
            }
        )
    outcome = f"?comment=published#{comment.anchor}" if published else "?comment=pending#comments"
    return HttpResponseRedirect(article.url + outcome, status=303)


def refused(request, article, policy, message, name, body, reply_to) -> HttpResponse:
    """Back to the form with the reader's text in it and the reason above it."""
    if wants_json(request):
        # The form stays open with the reader's text: a fresh stamp for it.
        fresh = guard.form_token(article.pk)
        return JsonResponse({"ok": False, "message": message, "ts": fresh}, status=400)
    context = form_context(
        request, article, policy, reply_to=reply_to, error=message, name=name, body=body
    )
    return TemplateResponse(request, "comments/comment_form.html", context, status=400)


def unavailable(request: HttpRequest) -> HttpResponse:
    """The database is away: say so, and give the reader their text back."""
    with translation.override(language_for(request.path)):
        message = _(
            "Comments are unavailable for a moment. Your text is kept below: copy it or send it again in a minute."
        )
        if wants_json(request):
            response = JsonResponse({"ok": False, "message": message}, status=503)
        else:
            context = {
                "message": message,
                "language": translation.get_language(),
                "name": request.POST.get("name", ""),
                "body": request.POST.get("body", ""),
                "parent": request.POST.get("parent", ""),
                "ts": request.POST.get("ts", ""),
                "posted": request.method == "POST",
            }
            response = TemplateResponse(request, "comments/unavailable.html", context, status=503)
            response.render()
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def same_origin(request: HttpRequest) -> bool:
    """Whether a POST comes from our own pages.

    The like button sits on stored pages, which carry no CSRF token. A like
    changes nothing but a counter, so instead of a token it must come from
    our own origin: browsers say where a request comes from in Origin and
    Sec-Fetch-Site, and a cross-site form cannot forge either.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site and site not in {"same-origin", "none"}:
        return False
    origin = request.headers.get("Origin")
    if origin:
        # "null": a sandboxed frame or a document with no origin, never our page.
        return origin != "null" and urlsplit(origin).netloc == request.get_host()
    # Every browser sends one of the two with a POST; a request with neither
    # comes from a script, which is not a reader pressing the button.
    return site is not None


@csrf_exempt
@require_POST
@never_cache
def like(request: HttpRequest, service_slug: str, article_id: int) -> HttpResponse:
    if not same_origin(request):
        return HttpResponseForbidden()
    try:
        article = article_for(service_slug, article_id)
        article.service.activate(request)
        comment = None
        if (pk := text.as_id(request.POST.get("comment"))) is not None:
            comment = Comment.objects.approved().filter(article=article, pk=pk).first()
            if comment is None:
                raise Http404
        item = f"c:{comment.pk}" if comment else f"a:{article.pk}"
        counted = likes.like(
            item=item, reader=readers.fingerprint(request), article=article, comment=comment
        )
        if counted and caches["limits"].add(f"likes:render:{article.pk}", 1, LIKE_RENDER_EVERY):
            moderation.publish_article(article)
        if comment is not None:
            comment.refresh_from_db()
            count = comment.likes
        else:
            count = likes.article_likes(article)
    except DatabaseError as error:
        if not is_outage(error):
            raise
        return unavailable(request)
    if wants_json(request):
        message = _("Thank you.") if counted else _("You have already liked this today.")
        label = ngettext("%(count)d like", "%(count)d likes", count) % {"count": count}
        label = numerals.native(label)  # the count is the label's only number
        return JsonResponse(
            {"ok": True, "counted": counted, "count": count, "label": label, "message": message}
        )
    anchor = comment.anchor if comment else "likes"
    return HttpResponseRedirect(f"{article.url}?liked={int(counted)}#{anchor}", status=303)


def share_url(network: str, url: str, title: str) -> str:
    from urllib.parse import quote

    u, t = quote(url, safe=""), quote(title, safe="")
    return {
        "telegram": f"https://t.me/share/url?url={u}&text={t}",
        "vk": f"https://vk.com/share.php?url={u}&title={t}",
        "whatsapp": f"https://wa.me/?text={t}%20{u}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={u}",
        "x": f"https://x.com/intent/post?url={u}&text={t}",
        "email": f"mailto:?subject={t}&body={u}",
        "copy": url,
    }[network]


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A comment refused for its CSRF token comes back with its text (CSRF_FAILURE_VIEW).

    It happens to readers whose browser dropped the cookie (private windows
    closed in between, cookie cleaners). Rendering the form again gives
    them a fresh token; anything else gets Django's usual answer.
    """
    from django.urls import Resolver404, resolve
    from django.views.csrf import csrf_failure as default

    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is None or match.url_name != "comment_form" or request.method != "POST":
        return default(request, reason)
    try:
        article = article_for(match.kwargs["service_slug"], match.kwargs["article_id"])
    except (Http404, DatabaseError):
        return default(request, reason)
    article.service.activate(request)
    response = refused(
        request,
        article,
        CommentPolicy.for_service(article.service),
        _("The form's security check failed (perhaps cookies were cleared). Please send it again."),
        text.normalise(request.POST.get("name", ""))[:60],
        text.normalise(request.POST.get("body", "")),
        reply_target(article, request.POST.get("parent")),
    )
    response.status_code = 403
    return response
