from django.db import migrations


class Migration(migrations.Migration):
    """StatementTally's counts named for the answer they count; renamed, so the data stays."""

    dependencies = [
        ("outcomes", "0006_drop_project_rollups"),
    ]

    operations = [
        migrations.RenameField("statementtally", "c0", "prefer_not_to_say"),
        migrations.RenameField("statementtally", "c1", "disagree_strongly"),
        migrations.RenameField("statementtally", "c2", "disagree"),
        migrations.RenameField("statementtally", "c3", "neither"),
        migrations.RenameField("statementtally", "c4", "agree"),
        migrations.RenameField("statementtally", "c5", "agree_strongly"),
    ]
