"""Newsletters end to end, through a real SMTP server: opt-in, sending, bounces, unsubscribing."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client

from kolokol.newsletters import addresses, sending, tasks
from kolokol.newsletters.models import Issue, Subscriber, Suppression
from kolokol.newsroom.models import Role
from kolokol.newsroom.roles import setup_service
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://\S+/newsletter/(confirm|unsubscribe)/\S+/")


def subscribe(client, home, address, **choices) -> str:
    data = {"address": address, **{k: "on" for k, v in choices.items() if v}}
    response = client.post(f"{home.url}newsletter/", data)
    return response.content.decode()


def confirmed(home, address, daily=True, breaking=False) -> Subscriber:
    return Subscriber.objects.create(
        service=home,
        digest=addresses.digest(address),
        sealed_address=addresses.seal(address),
        daily=daily,
        breaking=breaking,
        confirmed=True,
    )


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_a_reader_subscribes_and_confirms_with_a_button_not_by_opening_the_link(smtp):
    home = factories.service("en")
    client = Client(enforce_csrf_checks=True)
    form = client.get(f"{home.url}newsletter/")
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"] or "max-age=0" in form["Cache-Control"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]
    page = client.post(
        f"{home.url}newsletter/",
        {"address": "Reader@Example.ORG", "daily": "on", "csrfmiddlewaretoken": token},
    )
    assert "Check your mailbox" in page.content.decode()
    [mail] = smtp.to("Reader@example.org")
    link = LINK.search(mail.get_content())[0]
    # The service's configured address, never the request's Host.
    assert link.startswith(home.full_url + "newsletter/confirm/")
    # A mail scanner opening the link confirms nothing.
    assert "Confirm your subscription" in client.get(path_of(link)).content.decode()
    subscriber = Subscriber.objects.get()
    assert not subscriber.confirmed
    page = client.get(path_of(link)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    done = client.post(path_of(link), {"csrfmiddlewaretoken": token})
    assert "You are subscribed" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed and subscriber.daily and not subscriber.breaking


def test_addresses_are_stored_encrypted_and_the_answer_tells_nothing(smtp, client):
    home = factories.service("en")
    confirmed(home, "known@example.org")
    first = subscribe(client, home, "known@example.org", daily=True)
    second = subscribe(client, home, "new@example.org", daily=True)
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", first) == strip.sub("", second)
    # Only the new address gets a mail; the subscribed one is not changed by a stranger.
    assert smtp.to("new@example.org") and not smtp.to("known@example.org")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM newsletters_subscriber")
        rows = repr(cursor.fetchall())
    assert "example.org" not in rows
    assert Subscriber.objects.filter(digest=addresses.digest("NEW@example.org")).exists()


def test_one_address_gets_at_most_three_confirmation_mails_a_day(smtp, client):
    home = factories.service("en")
    for _ in range(5):
        subscribe(client, home, "victim@example.org", breaking=True)
    assert len(smtp.to("victim@example.org")) == addresses_limit()


def addresses_limit() -> int:
    from kolokol.newsletters.views import MAILS_PER_ADDRESS

    return MAILS_PER_ADDRESS


def test_the_form_explains_what_is_wrong(client):
    home = factories.service("en")
    page = subscribe(client, home, "not an address")
    assert "Enter a valid email address." in page
    page = subscribe(client, home, "reader@example.org")
    assert "Choose at least one of the two." in page
    assert not Subscriber.objects.exists()


def test_an_issue_reaches_readers_readable_without_images_and_untracked(smtp):
    home = factories.service("fa")
    story = factories.article(home, title="پل دوباره باز شد", standfirst="پس از یک هفته تعمیر")
    readers = [confirmed(home, f"reader{n}@example.org") for n in range(3)]
    confirmed(home, "alerts-only@example.org", daily=False, breaking=True)
    issue = Issue.objects.create(
        service=home, kind=Issue.Kind.EDITION, subject="خبرهای امروز", articles=[story.pk]
    )
    tasks.send_issue.enqueue(issue.pk)
    issue.refresh_from_db()
    assert (issue.status, issue.sent, issue.recipients) == ("sent", 3, 3)
    assert not smtp.to("alerts-only@example.org")
    message = smtp.to("reader1@example.org")[0]
    assert message["Subject"] == "خبرهای امروز"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert f"/newsletter/unsubscribe/{addresses.unsubscribe_token(readers[1].pk)}/" in unsubscribe
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "پل دوباره باز شد" in text and story.full_url in text and unsubscribe in text
    assert 'dir="rtl"' in html and 'lang="fa"' in html
    assert f'href="{story.full_url}"' in html
    # Nothing loads from anywhere, and no link goes through a counter.
    assert "<img" not in html and "<link" not in html and "src=" not in html
    links = re.findall(r'href="([^"]+)"', html)
    assert all(link.startswith(home.full_url) for link in links), links
    assert not any("?" in link for link in links)


def test_one_click_unsubscribe_deletes_the_address_without_a_csrf_token(smtp):
    home = factories.service("en")
    reader = confirmed(home, "leaving@example.org")
    url = path_of(sending.mail.unsubscribe_url(home, reader.pk))
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert not Subscriber.objects.filter(pk=reader.pk).exists()
    # A forged token unsubscribes no one.
    other = confirmed(home, "staying@example.org")
    forged = url.replace(url.split("/")[-2], addresses.unsubscribe_token(other.pk) + "x")
    Client().post(forged)
    assert Subscriber.objects.filter(pk=other.pk).exists()


def test_refused_addresses_are_suppressed_and_the_rest_is_delivered(smtp):
    home = factories.service("en")
    gone = confirmed(home, "gone@example.org")
    full = confirmed(home, "full@example.org")
    fine = confirmed(home, "fine@example.org")
    for number in range(sending.SOFT_BOUNCES_ALLOWED):
        issue = Issue.objects.create(service=home, kind=Issue.Kind.EDITION, subject=f"N{number}")
        tasks.send_issue.enqueue(issue.pk)
    issues = list(Issue.objects.order_by("pk"))
    # The first issue: one delivered, two refused; "gone" is never tried again.
    assert (issues[0].sent, issues[0].refused) == (1, 2)
    assert (issues[1].sent, issues[1].refused) == (1, 1)
    assert len(smtp.to("fine@example.org")) == sending.SOFT_BOUNCES_ALLOWED
    suppressed = set(Suppression.objects.values_list("digest", flat=True))
    assert gone.digest in suppressed and full.digest in suppressed and fine.digest not in suppressed
    # A suppressed address cannot be subscribed again through the form.
    subscribe(Client(), home, "gone@example.org", daily=True)
    assert not smtp.to("gone@example.org")


def test_a_mail_server_that_goes_away_loses_nothing_and_sends_no_one_twice(smtp):
    home = factories.service("en")
    readers = [confirmed(home, f"r{n}@example.org") for n in range(60)]
    issue = Issue.objects.create(service=home, kind=Issue.Kind.EDITION, subject="Today")
    smtp.busy_after = 40
    tasks.send_issue.enqueue(issue.pk)  # the immediate backend cannot wait: it gives up
    issue.refresh_from_db()
    assert issue.status == Issue.Status.FAILED and "Too busy" in issue.error
    assert issue.sent == 40
    smtp.busy_after = None
    admin = factories_superuser()
    client = verified_login(Client(), admin)
    client.post(f"/admin/newsletters/issue/{issue.pk}/send/")
    issue.refresh_from_db()
    assert (issue.status, issue.sent) == ("sent", 60)
    for reader in readers:
        assert len(smtp.to(addresses.unseal(reader.sealed_address))) == 1


def factories_superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-pass")


def test_breaking_news_goes_to_those_who_asked_once(smtp):
    home = factories.service("en")
    confirmed(home, "alerts@example.org", daily=False, breaking=True)
    confirmed(home, "daily@example.org")
    story = factories.article(home, title="Dam holds after the storm")
    item = factories.breaking(home, "Dam holds", link_page=story)
    item.headline = "Dam holds, roads open"
    item.save()
    [mail] = smtp.to("alerts@example.org")
    assert mail["Subject"] == "Dam holds"
    assert story.full_url in mail.get_body(("plain",)).get_content()
    assert not smtp.to("daily@example.org")
    # An item recorded after it ended is not news to mail.
    factories.breaking(
        home, "Yesterday's", starts_at=story.first_published_at, expires_at=story.first_published_at
    )
    assert Issue.objects.filter(kind=Issue.Kind.BREAKING).count() == 1


def test_the_daily_digest_holds_the_last_days_articles(smtp):
    home = factories.service("ru")
    confirmed(home, "daily@example.org")
    fresh = factories.article(home, title="Свежая новость", published_hours_ago=3)
    factories.article(home, title="Старая новость", published_hours_ago=30)
    quiet = factories.service("en", slug="en")
    confirmed(quiet, "quiet@example.org")
    tasks.send_digests.enqueue()
    [mail] = smtp.to("daily@example.org")
    text = mail.get_body(("plain",)).get_content()
    assert "Свежая новость" in text and "Старая новость" not in text
    assert fresh.full_url in text
    assert "Отписаться" in text  # in the service's language
    assert not smtp.to("quiet@example.org")  # nothing new: no mail


def test_chief_editors_send_for_their_own_service_and_export_and_delete_addresses(smtp):
    en, ru = factories.service("en"), factories.service("ru")
    chief = factories_user("chief", setup_service(en)[Role.CHIEF_EDITOR])
    reporter = factories_user("reporter", setup_service(en)[Role.REPORTER])
    setup_service(ru)
    story = factories.article(en, title="Harbour reopens")
    confirmed(en, "reader@example.org")
    confirmed(ru, "chitatel@example.org")

    as_reporter = verified_login(Client(), reporter)
    assert as_reporter.get("/admin/newsletters/").status_code in {302, 403}
    assert "/admin/newsletters/" not in as_reporter.get("/admin/").content.decode()
    client = verified_login(Client(), chief)
    assert "/admin/newsletters/" in client.get("/admin/").content.decode()  # in the menu
    overview = client.get("/admin/newsletters/").content.decode()
    assert en.title in overview and ru.title not in overview
    assert client.get(f"/admin/newsletters/{ru.pk}/new/").status_code == 404
    form = {"subject": "Our week", "intro": "Hello", "articles": [str(story.pk)]}
    preview = client.post(f"/admin/newsletters/{en.pk}/new/", {**form, "preview": "1"})
    assert "Harbour reopens" in preview.content.decode() and not smtp.messages
    client.post(f"/admin/newsletters/{en.pk}/new/", {**form, "send": "1"})
    [mail] = smtp.to("reader@example.org")
    assert "Hello" in mail.get_body(("plain",)).get_content()
    assert not smtp.to("chitatel@example.org")

    export = client.get(f"/admin/newsletters/{en.pk}/subscribers.csv")
    csv_text = b"".join(export.streaming_content).decode()
    assert "reader@example.org" in csv_text and "chitatel" not in csv_text
    assert client.get(f"/admin/newsletters/{ru.pk}/subscribers.csv").status_code == 404
    client.post(f"/admin/newsletters/{en.pk}/delete/", {"address": "READER@example.org"})
    assert not Subscriber.objects.filter(service=en).exists()


def factories_user(name, group):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(name, f"{name}@example.org", "a-long-pass")
    user.groups.add(group)
    return user


DSN = """\
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: bounces@kolokol.example
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

The mail could not be delivered.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {gone}
Action: failed
Status: 5.1.1

Final-Recipient: rfc822; {later}
Action: delayed
Status: 4.4.1

--b1--
"""

ARF = """\
From: feedback@provider.example
To: bounces@kolokol.example
Subject: Abuse report
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="b2"

--b2
Content-Type: text/plain

A reader marked this mail as spam.

--b2
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: provider/1.0
Version: 1
Original-Rcpt-To: <{reader}>

--b2--
"""


def test_bounce_and_complaint_reports_stop_the_mail(smtp, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    home = factories.service("en")
    gone = confirmed(home, "gone-later@example.org")
    confirmed(home, "slow@example.org")
    annoyed = confirmed(home, "annoyed@example.org")
    report = tmp_path / "dsn.eml"
    report.write_text(DSN.format(gone="gone-later@example.org", later="slow@example.org"))
    complaint = tmp_path / "arf.eml"
    complaint.write_text(ARF.format(reader="annoyed@example.org"))
    out = StringIO()
    call_command("newsletter_bounces", str(report), str(complaint), stdout=out)
    assert "2 address(es) suppressed from 2 report(s)" in out.getvalue()
    suppressed = dict(Suppression.objects.values_list("digest", "reason"))
    assert suppressed == {gone.digest: "bounce", annoyed.digest: "complaint"}
    assert not Subscriber.objects.filter(pk=annoyed.pk).exists()  # a complaint unsubscribes
    issue = Issue.objects.create(service=home, kind=Issue.Kind.EDITION, subject="Next")
    tasks.send_issue.enqueue(issue.pk)
    assert [rcpts for _s, rcpts, _m in smtp.messages] == [["slow@example.org"]]
