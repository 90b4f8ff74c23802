"""A real Celery worker and Redis for the tests marked `celery_worker`.

The rest of the suite runs tasks eagerly (settings_test.py). These tests use
the Redis on 127.0.0.1:6379 (`TEST_REDIS_URL` to change it), a database
number of their own per xdist worker (9 for the first, 10 for the second …,
emptied before each test), as broker and as Django's cache, and a worker in a
thread of the test process (`celery.contrib.testing.worker.start_worker`),
so that it sees the test database (committed rows: `transactional_db`). They
skip, saying why, only when Redis does not answer; `.ci/run` starts it."""

import os

import pytest

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")
FIRST_DB = 9


@pytest.fixture(scope="session")
def redis_url(worker_id):
    import redis

    number = int(worker_id.removeprefix("gw")) if worker_id.startswith("gw") else 0
    url = f"{REDIS}/{FIRST_DB + number}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        pytest.skip(
            f"Redis does not answer at {url} ({error}); start it with "
            'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" '
            "--appendonly no"
        )
    return url


@pytest.fixture
def celery_redis_worker(redis_url, settings, transactional_db):
    """Tasks go through Redis to a worker (two threads, so that two renders
    can meet); the cache (locks, job states) is that Redis too. Yields the
    Celery app."""
    import redis
    from celery.contrib.testing.worker import start_worker

    from ita_portal.celery import app

    redis.Redis.from_url(redis_url).flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        }
    }
    saved = {
        key: app.conf[key]
        for key in ("broker_url", "task_always_eager", "result_backend")
    }
    app.conf.update(broker_url=redis_url, task_always_eager=False, result_backend=None)
    _forget_connections(app)
    try:
        with start_worker(
            app,
            pool="threads",
            concurrency=2,
            perform_ping_check=False,
            loglevel="WARNING",
            shutdown_timeout=30,
        ):
            yield app
    finally:
        app.conf.update(saved)
        _forget_connections(app)
        redis.Redis.from_url(redis_url).flushdb()


def _forget_connections(app) -> None:
    """Drop the producer connections the app keeps (as Celery does after a
    fork): they were made for the broker configured before."""
    app._pool = None
    amqp = app.__dict__.pop("amqp", None)
    if amqp is not None:
        amqp._producer_pool = None
