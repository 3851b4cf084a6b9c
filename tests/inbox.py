"""Email as a person receives it: a local SMTP server for tests, and messages read the way a
mail client reads them (decoded headers, the plain-text and HTML bodies, attachments)."""

import asyncio
import email
import email.policy
import importlib
import inspect
import socket
import threading
from contextlib import contextmanager
from html.parser import HTMLParser

from aiosmtpd.controller import Controller
from django.apps import apps
from django.utils.module_loading import module_has_submodule


def email_kinds():
    """Every kind of message the apps send: the public functions of each app's emails.py."""
    kinds = []
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, "emails"):
            module = importlib.import_module(f"{app.name}.emails")
            for name, fn in inspect.getmembers(module, inspect.isfunction):
                if fn.__module__ == module.__name__ and not name.startswith("_"):
                    kinds.append(f"{app.name}.{name}")
    return sorted(kinds)


def read(raw):
    """A message from its bytes, as a mail client parses it."""
    return email.message_from_bytes(raw, policy=email.policy.default)


def read_sent(message):
    """A Django message as it would arrive."""
    return read(message.message().as_bytes())


def plain_text(received):
    return received.get_body(preferencelist=("plain",)).get_content()


def html_source(received):
    return received.get_body(preferencelist=("html",)).get_content()


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def html_visible_text(received):
    """The HTML body's words as a mail client shows them (entities decoded, tags gone)."""
    parser = _Text()
    parser.feed(html_source(received))
    return " ".join(" ".join(parser.parts).split())


class MailServer:
    """An SMTP server's handler that keeps what it is given.

    ``lose_answers``: for that many messages the server keeps the message but answers as if it
    had failed (as when its answer is lost on the way back). ``stall_quit``: never answer QUIT."""

    def __init__(self, *, lose_answers=0, stall_quit=False):
        self.messages = []
        self.envelopes = []  # (MAIL FROM, RCPT TO) of each message
        self.lose_answers = lose_answers
        self.stall_quit = stall_quit
        self.quit_received = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)
        self.envelopes.append((envelope.mail_from, envelope.rcpt_tos))
        if self.lose_answers:
            self.lose_answers -= 1
            return "451 Requested action aborted: local error in processing"
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):
        self.quit_received.set()
        if self.stall_quit:
            await asyncio.sleep(3600)
        return "221 Bye"

    @property
    def received(self):
        return [read(raw) for raw in self.messages]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server(handler):
    """Run ``handler`` as an SMTP server on 127.0.0.1; yields its port."""
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()


def smtp_mailers(port):
    """settings.MAILERS sending through the test's server."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 10},
        }
    }
