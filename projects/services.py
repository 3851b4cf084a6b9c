from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
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


def position_next(siblings):
    """The position after the last of ``siblings`` (a queryset of the same parent's items)."""
    last = siblings.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def item_move(*, item, siblings, direction):
    """Swap ``item`` with its neighbour above ("up") or below ("down") among ``siblings``.

    Positions are renumbered 0..n first, so items that share a position still move."""
    ordered = list(siblings.select_for_update().order_by("position", "pk"))
    index = next(i for i, other in enumerate(ordered) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, other in enumerate(ordered):
        other.position = position
    type(item).objects.bulk_update(ordered, ["position"])
    return True


@transaction.atomic
def project_role_add(*, project, user, role):
    if user.organisation_id != project.organisation_id:
        raise ValidationError(_("Choose a member of staff of this organisation."))
    _role, created = ProjectRole.objects.get_or_create(project=project, user=user, role=role)
    if not created:
        raise ValidationError(_("%(name)s is already on this project in that role.") % {"name": user})
    return _role


@transaction.atomic
def project_role_remove(*, project_role):
    """Take someone off a project. A project always keeps at least one lead officer."""
    project = project_role.project
    if project_role.role == ProjectRole.Role.LEAD:
        leads = ProjectRole.objects.select_for_update().filter(project=project, role=ProjectRole.Role.LEAD)
        # COUNT cannot be combined with FOR UPDATE on PostgreSQL, so lock and count the rows.
        if len(leads.values_list("pk", flat=True)) <= 1:
            raise ValidationError(_("A project needs at least one lead officer. Add another lead officer first."))
    project_role.delete()


def activity_next_for(project):
    return (
        Activity.objects.filter(objective__project=project)
        .exclude(status=Activity.Status.DONE)
        .order_by("due_date", "pk")
        .first()
    )
