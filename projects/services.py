from django.db import transaction
from django.utils.translation import gettext as _

from . import guide
from .models import Activity, Measure, Objective, Outcome, Project, ProjectRole, StageRecord


@transaction.atomic
def project_create_from_template(*, organisation, user, title, service_area, aim, start_date, end_date=None):
    """A new project pre-filled with the guide's four co-production outcomes, a service
    outcome for the officer to write, and the four standard objectives. The creator leads it."""
    project = Project.objects.create(
        organisation=organisation,
        title=title,
        service_area=service_area,
        aim=aim,
        start_date=start_date,
        end_date=end_date,
    )
    ProjectRole.objects.create(project=project, user=user, role=ProjectRole.Role.LEAD)
    StageRecord.objects.create(project=project, stage=project.stage, began_on=start_date)
    words = {"council": organisation.name, "area": organisation.name}
    outcomes = []
    for position, (number, title_text, measures) in enumerate(guide.COPRODUCTION_OUTCOMES):
        outcome = Outcome.objects.create(
            project=project, kind=Outcome.Kind.COPRODUCTION, number=number, title=str(title_text), position=position
        )
        Measure.objects.bulk_create(
            Measure(
                outcome=outcome,
                kind=kind,
                description=str(description).format(**words),
                how_collected=str(how),
                when_collected=str(when),
            )
            for kind, description, how, when in measures
        )
        outcomes.append(outcome)
    Outcome.objects.create(
        project=project,
        kind=Outcome.Kind.SERVICE,
        number=5,
        title=str(guide.SERVICE_OUTCOME),
        description=str(guide.SERVICE_OUTCOME_HELP),
        position=len(outcomes),
    )
    for position, text in enumerate(guide.STANDARD_OBJECTIVES):
        objective = Objective.objects.create(project=project, title=str(text), position=position)
        objective.outcomes.set(outcomes)
    return project


def aim_suggestion(organisation):
    return str(guide.AIM_PATTERN).format(council=organisation.name)


@transaction.atomic
def project_advance_stage(*, project, began_on, resident_involvement):
    """Move to the next stage, recording when it began and how residents were involved."""
    next_stage = project.next_stage
    if next_stage is None:
        raise ValueError(_("This project is already at its last stage."))
    project.stage = next_stage
    project.save(update_fields=["stage"])
    return StageRecord.objects.create(
        project=project, stage=next_stage, began_on=began_on, resident_involvement=resident_involvement
    )


def activity_next_for(project):
    return (
        Activity.objects.filter(objective__project=project)
        .exclude(status=Activity.Status.DONE)
        .order_by("due_date", "pk")
        .first()
    )
