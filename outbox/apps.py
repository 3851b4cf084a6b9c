from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Outgoing email and background jobs"

    def ready(self):
        # Each app registers its messages in emails.py and periodic jobs in tasks.py.
        autodiscover_modules("emails")
        autodiscover_modules("tasks")
