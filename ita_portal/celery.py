"""The portal's Celery application (background jobs).

Tasks live in each app's `tasks.py` and are found by `autodiscover_tasks`.
With no broker configured (`CELERY_BROKER_URL` or `REDIS_URL` empty, the
embedded default) every task runs in the calling process, at once: `./run.sh`
needs no worker. With a broker the same code runs on workers
(README, "Deploying").
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ita_portal.settings")

app = Celery("ita_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
