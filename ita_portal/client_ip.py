"""The address a request comes from, for the lock-out of failed logins
(django-axes, settings.AXES_CLIENT_IP_CALLABLE) and the rate limit of the
public verification page (reports/verification_views.py).

Without a proxy it is REMOTE_ADDR. Behind CLIENT_IP_PROXY_COUNT load balancers
that each append the address they saw to X-Forwarded-For, it is the one the
outermost of them saw: counted from the right, since a client can write
anything on the left of the header.
"""

from django.conf import settings


def client_ip(request) -> str:
    count = settings.CLIENT_IP_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR", "")
