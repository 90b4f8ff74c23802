from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data of `seed_demo`, as JSON in demo/data/ (issue 20)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "ข้อมูลตัวอย่าง"
