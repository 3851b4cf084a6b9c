from django.core.management.base import BaseCommand

from outbox.tasks import heartbeat_schedule


class Command(BaseCommand):
    help = "Queue the periodic heartbeat task (idempotent). Run once after each deploy."

    def handle(self, *args, **options):
        heartbeat_schedule()
        self.stdout.write("Heartbeat scheduled.")
