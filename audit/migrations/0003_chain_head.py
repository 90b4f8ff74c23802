"""Each organisation's chain head (its newest entry's number and hash),
filled in from the chains as they stand; on PostgreSQL a trigger refuses to
delete a head or to move it back."""

import django.db.models.deletion
from django.db import migrations, models

CREATE = """
CREATE OR REPLACE FUNCTION audit_chainhead_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.sequence <= OLD.sequence THEN
        RAISE EXCEPTION 'audit chain heads only move forward (% refused)', TG_OP;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_chainhead_forward_only
    BEFORE UPDATE OR DELETE ON audit_chainhead
    FOR EACH ROW EXECUTE FUNCTION audit_chainhead_forward_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_chainhead_forward_only ON audit_chainhead;
DROP FUNCTION IF EXISTS audit_chainhead_forward_only();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


def heads_from_chains(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ChainHead = apps.get_model("audit", "ChainHead")
    newest = {}
    for organization_id, sequence, hash_ in AuditEntry.objects.order_by(
        "organization_id", "sequence"
    ).values_list("organization_id", "sequence", "hash"):
        newest[organization_id] = (sequence, hash_)
    ChainHead.objects.bulk_create(
        ChainHead(organization_id=org, sequence=sequence, hash=hash_)
        for org, (sequence, hash_) in newest.items()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only"),
        ("organizations", "0006_emblem_on_covers"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                (
                    "organization",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="organizations.organization",
                        verbose_name="หน่วยงาน",
                    ),
                ),
                ("sequence", models.PositiveIntegerField(verbose_name="ลำดับล่าสุด")),
                ("hash", models.CharField(max_length=64, verbose_name="ค่าแฮชล่าสุด")),
            ],
            options={
                "verbose_name": "รายการล่าสุดของห่วงโซ่",
                "verbose_name_plural": "รายการล่าสุดของห่วงโซ่",
            },
        ),
        migrations.RunPython(heads_from_chains, migrations.RunPython.noop),
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP)),
    ]
