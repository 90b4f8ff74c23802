"""/healthz: what a load balancer (and bench/public_load.py) asks an app server."""

from django.urls import reverse


def test_it_answers_ok_without_touching_the_database(client):
    # No `db` fixture: pytest-django fails any query this request would make.
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_it_answers_a_load_balancer_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


def test_it_only_reads(client):
    assert client.post(reverse("healthz")).status_code == 405
    assert client.head(reverse("healthz")).status_code == 200
