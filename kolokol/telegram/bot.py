"""The one Bot API call Kolokol makes: sendMessage, to the address KOLOKOL_TELEGRAM_API names.

The address is configurable so that an installation can go through a relay
where api.telegram.org is blocked, and so the tests talk to a local server.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings

TIMEOUT = 15


@dataclass
class Answer:
    ok: bool
    message_id: int | None = None
    description: str = ""
    retry_after: int | None = None  # Telegram asks to wait (429)
    temporary: bool = False  # worth trying again: network, 5xx, 429


def send_message(token: str, chat: str, text: str, link: str = "") -> Answer:
    payload = {"chat_id": chat, "text": text, "parse_mode": "HTML"}
    if link:
        # The article's own preview card (its og: tags), shown above the text.
        payload["link_preview_options"] = {"url": link, "prefer_large_media": True}
    # The address comes from settings (http or https only: config.env_http_url).
    request = urllib.request.Request(  # noqa: S310
        f"{settings.KOLOKOL_TELEGRAM_API.rstrip('/')}/bot{token}/sendMessage",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            body = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        try:
            body = json.loads(error.read() or b"{}")
        except ValueError:
            body = {}
        retry = (body.get("parameters") or {}).get("retry_after")
        return Answer(
            ok=False,
            description=body.get("description") or f"HTTP {error.code}",
            retry_after=retry,
            temporary=error.code >= 500 or error.code == 429,
        )
    except (OSError, ValueError) as error:
        return Answer(ok=False, description=str(error) or type(error).__name__, temporary=True)
    if not body.get("ok"):
        return Answer(ok=False, description=body.get("description", "not ok"))
    return Answer(ok=True, message_id=(body.get("result") or {}).get("message_id"))
