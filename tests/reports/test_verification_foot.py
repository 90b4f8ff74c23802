"""The page foot of an approved document: its code, its permalink, and a QR
code of that same permalink; drafts carry none."""

import segno
from django.template.loader import render_to_string

from reports import verification


def test_the_foot_prints_the_code_the_link_and_its_qr_code(settings):
    settings.PORTAL_URL = "https://ita.example.go.th"
    code = verification.new_code()
    with verification.printing(code):
        html = render_to_string("reports/document_base.html", {"title": "x"})
    url = f"https://ita.example.go.th/verify/{code}/"
    assert url in html
    assert verification.grouped(code) in html
    qr = segno.make(url, error="m").svg_data_uri(border=0, dark="#000")
    assert f'src="{qr}"' in html
    assert "running(verification-foot)" in html


def test_a_document_not_being_frozen_has_no_foot():
    html = render_to_string("reports/document_base.html", {"title": "x"})
    assert "verification-foot" not in html and "/verify/" not in html


def test_codes_hold_128_random_bits():
    codes = {verification.new_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(c) == 22 for c in codes)  # 16 bytes, base64url
