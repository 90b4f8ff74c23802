from .tasks import task_count


def my_tasks(request):
    """How many tasks wait for the member: the badge of "งานของฉัน" in the
    navigation. Counted only where a template shows it, once a request."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    cached = []

    def count():
        if not cached:
            cached.append(task_count(request))
        return cached[0]

    return {"my_tasks_count": count}
