from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"

    def ready(self):
        # Registers the other apps' ways of taking part with the "people taking part" figures.
        from . import participation  # noqa: F401
