"""A real SMTP server (aiosmtpd) on a free port, and the settings that send to it."""

from __future__ import annotations

import email
import email.policy
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Recorder:
    """Keeps what it accepts; refuses addresses by their local part, as real servers do."""

    messages: list = field(default_factory=list)
    busy_after: int | None = None  # answer 421 to DATA after this many accepted
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.partition("@")[0]
        if local.startswith("gone"):
            return "550 5.1.1 No such mailbox"
        if local.startswith("full"):
            return "452 4.2.2 Mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.busy_after is not None and len(self.messages) >= self.busy_after:
                return "421 4.3.2 Too busy, come back later"
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def to(self, address: str) -> list:
        return [m for _sender, rcpts, m in self.messages if address in rcpts]


@pytest.fixture
def smtp(settings, free_tcp_port):
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_tcp_port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_tcp_port
    settings.EMAIL_USE_TLS = False
    recorder.controller = controller
    yield recorder
    controller.stop()
