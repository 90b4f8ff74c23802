"""The Garuda on memos: one image for the deployment, which a superuser
uploads in the admin (reports.models.Letterhead); the organisation's seal
stays on its reports' covers."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from reports import renderers
from reports.documents import memo_pdf_bytes
from reports.models import Letterhead
from tests.twofactor.helpers import verify_session


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "black").save(buffer, "PNG")
    return buffer.getvalue()


def image_sizes(pdf: bytes, page: int = 0) -> list[tuple[int, int]]:
    return [image.image.size for image in PdfReader(io.BytesIO(pdf)).pages[page].images]


def test_a_superuser_uploads_the_garuda_and_every_memo_prints_it(
    client, django_user_model, memo, org, plan
):
    org.emblem = SimpleUploadedFile("seal.png", png(50, 50), content_type="image/png")
    org.save()
    root = django_user_model.objects.create_superuser("root", password="x" * 12)
    client.force_login(root)
    verify_session(client, root)  # Django admin asks for a second factor
    add = reverse("admin:reports_letterhead_add")

    refused = client.post(
        add, {"garuda": SimpleUploadedFile("garuda.png", b"not an image at all")}
    )
    assert refused.status_code == 200 and not Letterhead.objects.exists()

    client.post(
        add,
        {
            "garuda": SimpleUploadedFile(
                "ตราครุฑ.png", png(30, 40), content_type="image/png"
            )
        },
    )
    letterhead = Letterhead.current()
    assert letterhead is not None and letterhead.updated_by == root
    assert letterhead.history.first().history_user == root
    assert client.get(add).status_code == 403  # one for the deployment

    assert image_sizes(memo_pdf_bytes(memo)) == [(30, 40)]  # the Garuda, not the seal
    assert (50, 50) in image_sizes(renderers.analysis_pdf(plan))  # the cover's seal


def test_only_a_superuser_sees_it_in_the_admin(client, django_user_model):
    clerk = django_user_model.objects.create_user(
        "clerk", password="x" * 12, is_staff=True
    )
    client.force_login(clerk)
    verify_session(client, clerk)  # Django admin asks for a second factor
    assert client.get(reverse("admin:reports_letterhead_changelist")).status_code == 403
