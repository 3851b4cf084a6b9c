import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded papers go to a temporary folder in every meetings test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def run_tasks(run_tasks, monkeypatch):
    """The shared fixture, but the worker keeps the test's database connection open: with
    CONN_MAX_AGE=0 db_worker closes it between tasks, which on PostgreSQL breaks a test that
    runs inside a transaction ("the connection is closed")."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    return run_tasks
