import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded papers go to a temporary folder in every meetings test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
