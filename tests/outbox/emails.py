"""Messages for the outbox's own tests. Their kinds are ``tests.outbox.<function>``, found the
way every kind is: the function of that name in this package's emails.py."""

from django.core.mail import EmailMessage

from outbox.rendering import email_build

# How many more times ``hello`` fails before it renders (a test sets it).
FAILURES = {"left": 0}


def hello(email):
    if FAILURES["left"]:
        FAILURES["left"] -= 1
        raise ConnectionError("SMTP server unavailable")
    return EmailMessage(subject="Hello", body=f"Hello {email.params.get('name', '')}", to=[email.recipient])


def stale(email):
    """A message no longer needed by the time it is sent."""
    return None


def probe(email):
    return email_build(template="outbox/email/probe", context={"name": "Pat"}, to=email.recipient)
