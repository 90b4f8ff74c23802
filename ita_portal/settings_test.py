"""Test settings: the real settings plus speed knobs only (STYLE.md, 13)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SIGNING_KEY_SECRET", "test-only-signing-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from ita_portal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PUBLIC_HEAD_SECONDS = PUBLIC_CACHE_SECONDS  # noqa: F405  (locmem: not shared)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The suite runs every task in the calling process, whatever REDIS_URL says;
# the tests marked celery_worker start a real worker (tests/celery_support.py).
CELERY_TASK_ALWAYS_EAGER = True
