"""Models of the shared mechanisms (see each module)."""

from django.db import models


class AttemptCount(models.Model):
    """Attempts counted against one limit (``key``: the limit's scope and a keyed hash of who
    tried) in one fixed window of time. See core.ratelimit."""

    key = models.CharField(max_length=120)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="core_attempt_one_row_per_window")]

    def __str__(self):
        return f"{self.key} from {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
