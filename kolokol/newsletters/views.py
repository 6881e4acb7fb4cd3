"""Subscribing (double opt-in), confirming and unsubscribing, under ``/ru/newsletter/``.

The answer to a subscription is the same whether the address is new,
waiting for confirmation or subscribed already: the page tells no one who
reads the service. Confirmation and unsubscription take a POST, because
mail scanners open the links in a mail by themselves.
"""

from __future__ import annotations

from django import forms
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kolokol.core import readers
from kolokol.core.limits import over_limit
from kolokol.newsletters import addresses
from kolokol.newsletters.models import Subscriber, Suppression
from kolokol.services.models import ServiceHomePage

# Confirmation mails one address may be sent a day, and subscriptions one reader may make an hour:
# the form must not become a way to flood someone's mailbox.
MAILS_PER_ADDRESS = 3
FORMS_PER_READER = 10


class SubscribeForm(forms.Form):
    address = forms.EmailField(label=gettext_lazy("Your email address"), max_length=254)
    daily = forms.BooleanField(label=gettext_lazy("The day's news, once a day"), required=False)
    breaking = forms.BooleanField(
        label=gettext_lazy("Breaking news, as it happens"), required=False
    )

    def clean(self):
        data = super().clean()
        if not data.get("daily") and not data.get("breaking"):
            raise forms.ValidationError(_("Choose at least one of the two."))
        return data


def _page(request, service, template: str, status: int = 200, **extra) -> TemplateResponse:
    context = service.page_context(request)
    context.update(extra)
    return TemplateResponse(request, template, context, status=status)


def subscribe(request: HttpRequest, service) -> HttpResponse:
    if request.method != "POST":
        form = SubscribeForm(initial={"daily": True})
        return _page(request, service, "newsletters/subscribe.html", form=form)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _page(request, service, "newsletters/subscribe.html", status=400, form=form)
    if over_limit(f"newsletter:form:{readers.address_key(request)}", FORMS_PER_READER, 3600):
        form.add_error(None, _("Too many attempts. Please try again in an hour."))
        return _page(request, service, "newsletters/subscribe.html", status=429, form=form)
    _subscribe(service, form.cleaned_data)
    return _notice(
        request,
        service,
        _("Check your mailbox"),
        _(
            "If the address can receive our newsletter, a mail with a link to confirm is on its way. "
            "Nothing more is sent until you confirm."
        ),
    )


def _notice(request, service, heading: str, text: str, action: str = "", status: int = 200):
    return _page(
        request,
        service,
        "newsletters/notice.html",
        status=status,
        heading=heading,
        text=text,
        action=action,
    )


def _subscribe(service, data: dict) -> None:
    from kolokol.newsletters.tasks import send_confirmation

    digest = addresses.digest(data["address"])
    if Suppression.objects.filter(digest=digest).exists():
        return  # bounced or complained: the page says the same, no mail goes
    if over_limit(f"newsletter:mail:{digest}", MAILS_PER_ADDRESS, 86400):
        return
    subscriber = Subscriber.objects.filter(service=service, digest=digest).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    service=service,
                    digest=digest,
                    sealed_address=addresses.seal(data["address"]),
                    daily=data["daily"],
                    breaking=data["breaking"],
                )
        except IntegrityError:  # the same address twice at once
            return
    elif subscriber.confirmed:
        return  # choices change only through a confirmed link, never by a stranger's form
    else:
        # Not confirmed yet: the latest choice counts, and the link is sent again.
        subscriber.daily, subscriber.breaking = data["daily"], data["breaking"]
        subscriber.save(update_fields=["daily", "breaking"])
    pk = subscriber.pk
    transaction.on_commit(lambda: send_confirmation.enqueue(pk))


def confirm(request: HttpRequest, service, token: str) -> HttpResponse:
    pk = addresses.confirmed_subscriber(token)
    subscriber = Subscriber.objects.filter(pk=pk, service=service).first() if pk else None
    if subscriber is None:
        return _notice(
            request,
            service,
            _("This link no longer works"),
            _(
                "It is older than a week or was already used to unsubscribe. Subscribe again to get a new one."
            ),
            status=404,
        )
    if request.method == "POST":
        if not subscriber.confirmed:
            subscriber.confirmed = True
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["confirmed", "confirmed_at"])
        return _notice(
            request,
            service,
            _("You are subscribed"),
            _("Thank you. Every mail has a link to unsubscribe in one step."),
        )
    return _notice(
        request,
        service,
        _("Confirm your subscription"),
        _("Press the button to start receiving our newsletter at this address."),
        action=_("Confirm"),
    )


def unsubscribe(request: HttpRequest, service, token: str) -> HttpResponse:
    pk = addresses.unsubscribing(token)
    subscriber = Subscriber.objects.filter(pk=pk, service=service).first() if pk else None
    if request.method == "POST" or subscriber is None:
        if subscriber is not None:
            # The address goes entirely: nothing of the reader stays behind.
            subscriber.delete()
        return _notice(
            request,
            service,
            _("You are unsubscribed"),
            _("We send nothing more to this address, and it is deleted from our list."),
        )
    return _notice(
        request,
        service,
        _("Unsubscribe"),
        _("Press the button to stop the newsletter and delete your address from our list."),
        action=_("Unsubscribe"),
    )


def service_for(request: HttpRequest, service_slug: str) -> ServiceHomePage:
    service = ServiceHomePage.objects.live().public().filter(slug=service_slug).first()
    if service is None or service.url != f"/{service_slug}/":
        raise Http404
    service.activate(request)
    return service


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe_view(request: HttpRequest, service_slug: str) -> HttpResponse:
    return subscribe(request, service_for(request, service_slug))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_view(request: HttpRequest, service_slug: str, token: str) -> HttpResponse:
    return confirm(request, service_for(request, service_slug), token)


@never_cache
@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no page between
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_view(request: HttpRequest, service_slug: str, token: str) -> HttpResponse:
    return unsubscribe(request, service_for(request, service_slug), token)
