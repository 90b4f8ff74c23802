"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), and what
arrived at it, parsed as a mail client would (the email package).

aiosmtpd imports `public` (its dependency atpublic), a name the portal's
own `public` app holds on sys.path; atpublic is loaded under that name only
while aiosmtpd is imported, then the app's module is put back.
"""

import email
import email.policy
import importlib.metadata
import importlib.util
import socket
import sys
from dataclasses import dataclass
from email.message import EmailMessage


def _import_aiosmtpd():
    location = importlib.metadata.distribution("atpublic").locate_file("public")
    spec = importlib.util.spec_from_file_location(
        "public",
        location / "__init__.py",
        submodule_search_locations=[str(location)],
    )
    ours = sys.modules.get("public")
    atpublic = importlib.util.module_from_spec(spec)
    sys.modules["public"] = atpublic
    try:
        spec.loader.exec_module(atpublic)
        from aiosmtpd.controller import Controller

        return Controller
    finally:
        for name in [n for n in sys.modules if n.startswith("public._")]:
            del sys.modules[name]
        if ours is not None:
            sys.modules["public"] = ours
        else:
            del sys.modules["public"]


Controller = _import_aiosmtpd()


@dataclass
class Arrived:
    """One message as the server received it."""

    sender: str
    recipients: list
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.raw, policy=email.policy.default)

    @property
    def subject(self) -> str:
        # Django folds a long Subject after "Subject:", which leaves a space
        # in front of the decoded text; a mail client shows it without.
        return str(self.message["Subject"]).strip()

    @property
    def body(self) -> str:
        return self.message.get_content()


class Collector:
    """The server's handler: keeps every message it is given."""

    def __init__(self):
        self.messages: list[Arrived] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            Arrived(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Arrived]:
        return [m for m in self.messages if address in m.recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    def __init__(self):
        self.collector = Collector()
        self.port = free_port()
        self.controller = Controller(
            self.collector, hostname="127.0.0.1", port=self.port
        )

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self) -> list[Arrived]:
        return self.collector.messages

    def to(self, address: str) -> list[Arrived]:
        return self.collector.to(address)
