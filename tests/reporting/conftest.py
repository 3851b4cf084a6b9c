import pytest
from django.core.management import call_command


@pytest.fixture
def run_tasks(db, monkeypatch):
    """The shared fixture, made safe on PostgreSQL: the worker's close_old_connections()
    drops the test's connection there (it is inside the test's transaction, so autocommit
    is off and Django closes it), which breaks the rest of the test. SQLite's in-memory
    test database ignores the close, so the shared fixture only fails on PostgreSQL."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        call_command("db_worker", batch=True, startup_delay=False, queue_name="*", reload=False, verbosity=0)

    return run
