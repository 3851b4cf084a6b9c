from django.db import migrations


class Migration(migrations.Migration):
    """The per-project rollups are gone: reports add up the questionnaires' tallies and the
    invitations directly (see docs/reports.md). The rows were copies, so nothing is lost."""

    dependencies = [
        ("outcomes", "0005_project_respondent"),
    ]

    operations = [
        migrations.DeleteModel(name="ProjectRespondent"),
        migrations.DeleteModel(name="ProjectTally"),
    ]
