import pytest


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_place(media):
    return media
