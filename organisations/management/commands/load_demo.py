import importlib
import importlib.util

from django.core.management.base import BaseCommand
from django.db import transaction

from organisations import demo

# Later apps add their demo content in this order, each reading what earlier ones put
# into the context (projects, groups, people, meetings...).
APPS = ["groups", "meetings", "outcomes", "feedback", "reporting"]


class Command(BaseCommand):
    help = "Load the demo organisation (West Berkshire Council) with staff and projects. Safe to run again."

    def handle(self, *args, **options):
        organisation, context = demo.load()
        for app in APPS:
            if importlib.util.find_spec(f"{app}.demo") is None:
                continue
            module = importlib.import_module(f"{app}.demo")
            with transaction.atomic():
                module.load(organisation, context)
            self.stdout.write(f"Demo content loaded: {app}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo organisation ready: {organisation.name}. Sign in as any of "
                + ", ".join(email for email, _name, _role in demo.USERS.values())
                + f" with the password {demo.DEMO_PASSWORD!r}."
            )
        )
