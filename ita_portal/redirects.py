"""Where to go back to after a POST: the page named in `next`, if it is ours."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback: str) -> str:
    """`next` from the form (or the query string) if it is a path on this
    site, else `fallback`.

    Only a path that starts with "/": redirect() takes a bare word such as
    `0` or `plans` for the name of a view, and fails with NoReverseMatch when
    there is none (a 500).
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
