"""An administrator's second step in Chromium, through Wagtail's own sign-in
form: an authenticator code first, then a passkey added and used (Chromium's
virtual authenticator stands in for a phone or security key)."""

from binascii import unhexlify

import pytest
from django.contrib.auth.models import User
from django_otp.oath import TOTP
from playwright.sync_api import expect

from kolokol.newsroom.models import AuditEvent
from kolokol.testing import factories
from kolokol.testing.browser import RequestLog
from kolokol.twostep import methods

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHRASE = "a-long-pass-phrase"


def sign_in_with_password(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("vera")
    page.locator("#id_password").fill(PHRASE)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/two-step/verify/**")


def test_code_then_passkey_through_the_real_sign_in(page, live_server, settings):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]  # http://localhost:<port>
    factories.wagtail_tree()
    admin = User.objects.create_superuser("vera", "vera@example.org", PHRASE)
    secret = methods.new_secret()
    methods.add_authenticator(admin, secret)
    requests = RequestLog(page, live_server.url)
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )

    # Password, then the code the app shows.
    sign_in_with_password(page, live_server)
    page.get_by_label("Code").fill(f"{TOTP(unhexlify(secret)).token():06d}")
    page.get_by_role("button", name="Verify", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/")

    # Account → Two-step verification: add a passkey.
    page.goto(f"{live_server.url}/admin/account/")
    page.get_by_role("tab", name="More actions").click()
    page.get_by_role("link", name="Two-step verification").click()
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("button", name="Remove Passkey 1")).to_be_visible()
    assert methods.passkeys(admin).count() == 1
    assert AuditEvent.objects.filter(action="two_step_added", detail="passkey").exists()

    # Signed out and in again, the passkey is the second step.
    page.context.clear_cookies()
    sign_in_with_password(page, live_server)
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert requests.foreign == []
