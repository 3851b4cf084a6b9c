from django.core.management.base import BaseCommand
from django.db import transaction

from feedback import demo as feedback_demo
from groups import demo as groups_demo
from meetings import demo as meetings_demo
from organisations import demo as organisations_demo
from outcomes import demo as outcomes_demo
from projects import demo as projects_demo
from reporting import demo as reporting_demo

# Each app's demo content, in dependency order: each reads what earlier ones put into the
# context (users, projects, groups, people, meetings...). The command lives in reporting, the
# app nothing imports from, so every import here goes downward.
DEMOS = [projects_demo, groups_demo, meetings_demo, outcomes_demo, feedback_demo, reporting_demo]


class Command(BaseCommand):
    help = "Load the demo organisation (West Berkshire Council) with staff and projects. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            organisation, context = organisations_demo.load()
        for module in DEMOS:
            with transaction.atomic():
                module.load(organisation, context)
            self.stdout.write(f"Demo content loaded: {module.__name__.split('.')[0]}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo organisation ready: {organisation.name}. Sign in as any of "
                + ", ".join(email for email, _name, _role in organisations_demo.USERS.values())
                + f" with the password {organisations_demo.DEMO_PASSWORD!r}."
            )
        )
