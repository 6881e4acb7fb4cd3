"""Two-step sign-in through the real admin: the password opens nothing until the
second step is done, for the roles administrators choose."""

from binascii import unhexlify
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kolokol.newsroom.models import AuditEvent, Role
from kolokol.newsroom.roles import setup_service
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login
from kolokol.twostep import methods
from kolokol.twostep.models import TwoStepPolicy

pytestmark = pytest.mark.django_db

PHRASE = "a-long-pass-phrase"
HOME = reverse("wagtailadmin_home")


@pytest.fixture
def admin():
    return User.objects.create_superuser("vera", "vera@example.org", PHRASE)


def password_sign_in(client, username="vera"):
    answer = client.post(reverse("wagtailadmin_login"), {"username": username, "password": PHRASE})
    assert answer.status_code == 302, "the password was refused"


def code(secret: str) -> str:
    return f"{TOTP(unhexlify(secret)).token():06d}"


def with_authenticator(user) -> str:
    secret = methods.new_secret()
    methods.add_authenticator(user, secret)
    return secret


def audited(action: str) -> list[tuple[str, str]]:
    return list(AuditEvent.objects.filter(action=action).values_list("username", "detail"))


def test_an_administrator_adds_an_authenticator_before_anything_else(client, admin):
    password_sign_in(client)
    for path in (HOME, reverse("wagtailadmin_explore_root"), "/admin/users/"):
        answer = client.get(path)
        assert answer.status_code == 302
        assert answer["Location"].startswith(reverse("twostep_index") + "?next=")
    index = client.get(reverse("twostep_index"))
    assert "Your role requires two-step verification" in index.text

    setup = client.get(reverse("twostep_authenticator"))
    assert "<svg" in setup.text  # the QR code, drawn here: no image from elsewhere
    secret = client.session["twostep_pending"]
    assert methods.secret_for_people(secret) in setup.text

    wrong = client.post(reverse("twostep_authenticator"), {"code": "000000"})
    assert "That code did not match" in wrong.text
    assert not TOTPDevice.objects.exists()

    done = client.post(reverse("twostep_authenticator"), {"code": code(secret)})
    assert "no-store" in done["Cache-Control"]
    shown = [item.split("</code>")[0] for item in done.text.split("<li><code>")[1:]]
    assert len(shown) == 10 and len(set(shown)) == 10
    assert methods.recovery_left(admin) == 10
    assert client.get(HOME).status_code == 200
    assert audited("two_step_added") == [("vera", "authenticator app")]


def test_the_code_page_comes_after_the_password_and_leads_on(client, admin):
    secret = with_authenticator(admin)
    password_sign_in(client)
    answer = client.get("/admin/pages/")
    assert answer["Location"] == reverse("twostep_verify") + "?next=%2Fadmin%2Fpages%2F"

    wrong = client.post(answer["Location"], {"code": "123456", "next": "/admin/pages/"})
    assert "That code did not work" in wrong.text
    assert client.get(HOME).status_code == 302
    assert audited("two_step_failed") == [("vera", "")]

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        right = client.post(answer["Location"], {"code": code(secret), "next": "/admin/pages/"})
        assert right["Location"] == "/admin/pages/"
        assert client.get("/admin/pages/").status_code == 200


def test_the_code_page_sends_nowhere_but_this_site(client, admin):
    secret = with_authenticator(admin)
    password_sign_in(client)
    right = client.post(
        reverse("twostep_verify"), {"code": code(secret), "next": "https://evil.example/"}
    )
    assert right["Location"] == HOME


def test_wrong_codes_make_each_next_try_wait_longer(client, admin):
    secret = with_authenticator(admin)
    password_sign_in(client)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            client.post(reverse("twostep_verify"), {"code": "000000"})
        refused = client.post(reverse("twostep_verify"), {"code": code(secret)})
        assert "Too many wrong codes" in refused.text
        assert client.get(HOME).status_code == 302
    with time_machine.travel(start + timedelta(seconds=9), tick=False):
        assert client.post(reverse("twostep_verify"), {"code": code(secret)}).status_code == 302
        assert client.get(HOME).status_code == 200


def test_a_recovery_code_signs_in_once(client, admin):
    with_authenticator(admin)
    codes = methods.new_recovery_codes(admin)
    password_sign_in(client)
    typed = codes[0].upper().replace("-", " ")  # as someone copies it off paper
    used = client.post(reverse("twostep_verify"), {"code": typed})
    assert used.status_code == 302
    assert methods.recovery_left(admin) == 9
    assert audited("recovery_used") == [("vera", "")]
    client.logout()

    password_sign_in(client)
    again = client.post(reverse("twostep_verify"), {"code": codes[0]})
    assert "That code did not work" in again.text
    assert client.get(HOME).status_code == 302


def test_half_signed_in_is_signed_out_outside_the_admin(client, admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    with_authenticator(admin)
    password_sign_in(client)
    assert client.get("/media/original_images/photo.jpg").status_code == 404
    verified_login(client, admin)
    assert client.get("/media/original_images/photo.jpg").status_code == 200


def test_each_role_as_administrators_choose(client):
    home = factories.service("ru")
    groups = setup_service(home)
    reporter = User.objects.create_user("olga", "olga@example.org", PHRASE)
    reporter.groups.add(groups[Role.REPORTER])
    password_sign_in(client, "olga")
    assert client.get(HOME).status_code == 200  # not required by default

    policy = TwoStepPolicy.load()
    policy.reporters = True
    policy.save()
    assert client.get(HOME)["Location"].startswith(reverse("twostep_index"))

    policy.reporters, policy.editors = False, True
    policy.save()
    assert client.get(HOME).status_code == 200
    assert audited("two_step_policy")[0] == ("", "required: administrators, editor")


def test_the_last_method_stays_while_the_role_requires_one(client, admin):
    verified_login(client, admin)
    methods.new_recovery_codes(admin)
    device = TOTPDevice.objects.get(user=admin)
    remove = reverse("twostep_remove", args=["authenticator", device.pk])

    refused = client.post(remove, follow=True)
    assert "add another method before removing your last one" in refused.text
    assert TOTPDevice.objects.filter(user=admin).exists()

    TwoStepPolicy.objects.update_or_create(defaults={"administrators": False})
    client.post(remove)
    assert not TOTPDevice.objects.filter(user=admin).exists()
    # Recovery codes go with the last method: nothing is left that asks for them.
    assert not StaticDevice.objects.filter(user=admin).exists()
    assert audited("two_step_removed") == [("vera", "authenticator app")]
    assert client.get(HOME).status_code == 200


def test_methods_cannot_be_changed_before_the_second_step(client, admin):
    with_authenticator(admin)
    password_sign_in(client)
    device = TOTPDevice.objects.get(user=admin)
    client.post(reverse("twostep_remove", args=["authenticator", device.pk]))
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    client.post(reverse("twostep_recovery"))
    assert methods.recovery_left(admin) == 0
    assert client.get(reverse("twostep_index"))["Location"].startswith(reverse("twostep_verify"))


def test_an_administrator_resets_a_lost_phone(admin, capsys):
    with_authenticator(admin)
    methods.new_recovery_codes(admin)
    call_command("twostep", "status")
    assert "vera" in capsys.readouterr().out
    call_command("twostep", "reset", "vera")
    assert not methods.has_method(admin) and methods.recovery_left(admin) == 0
    assert audited("two_step_reset") == [("vera", "")]


def test_administrators_choose_the_roles_in_settings_and_no_one_else_can(client, admin):
    url = reverse("wagtailsettings:edit", args=["twostep", "twosteppolicy"])
    home = factories.service("ru")
    chief = User.objects.create_user("dana", "dana@example.org")
    chief.groups.add(setup_service(home)[Role.CHIEF_EDITOR])
    verified_login(client, chief)
    assert client.get(url).status_code in {302, 403}

    verified_login(client, admin)
    url = client.get(url)["Location"]  # the one setting's own page
    assert client.get(url).status_code == 200
    client.post(url, {"administrators": "on", "editors": "on"})
    policy = TwoStepPolicy.load()
    assert policy.editors and not policy.reporters
    event = AuditEvent.objects.filter(action="two_step_policy").first()
    assert (event.detail, event.actor) == ("required: administrators, editor", "vera")
