"""MonitoringResponse gets a random UUID key: an auto-increment id revealed the order answers
arrived in. Existing answers get fresh random keys (nothing refers to them)."""

import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    MonitoringResponse = apps.get_model("reporting", "MonitoringResponse")
    for pk in list(MonitoringResponse.objects.values_list("pk", flat=True)):
        MonitoringResponse.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="monitoringresponse", name="uuid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.RemoveField(model_name="monitoringresponse", name="id"),
        migrations.AlterField(
            model_name="monitoringresponse",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False),
        ),
        migrations.RenameField(model_name="monitoringresponse", old_name="uuid", new_name="id"),
        migrations.AlterModelOptions(name="monitoringresponse", options={"ordering": ["id"]}),
    ]
