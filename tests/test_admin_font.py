"""Django admin draws Thai in the portal's own font, not in whatever system
font the reader's machine has (none, on a server or a fresh Linux desktop)."""

from tests.factories import UserFactory
from tests.twofactor.helpers import verify_session


def test_admin_pages_load_the_thai_font(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    verify_session(client, admin)  # Django admin asks for a second factor
    page = client.get("/admin/").content.decode()
    assert "vendor/sarabun/sarabun.css" in page
    assert "css/admin.css" in page
