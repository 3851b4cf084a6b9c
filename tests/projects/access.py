import datetime as dt

from tests.access import Row, expect
from tests.factories import ActivityFactory, MeasureFactory, ObjectiveFactory, OutcomeFactory

SEES = dict(support=200, lead=200, chair=200, manager=200, admin=200)
# Lead and supporting officers (and the organisation admin) change the plan; chairs and
# managers see the project but its editing pages are not theirs (404, like any hidden object).
EDITS = dict(support=200, lead=200, chair=404, manager=404, admin=200)
EDITS_POST = dict(support=302, lead=302, chair=404, manager=404, admin=302)
# Only lead officers (and the organisation admin) choose the team.
LEADS_POST = dict(support=404, lead=302, chair=404, manager=404, admin=302)


def build(world):
    world.outcome = OutcomeFactory(project=world.project)
    world.measure = MeasureFactory(outcome=world.outcome)
    world.objective = ObjectiveFactory(project=world.project)
    world.activity = ActivityFactory(objective=world.objective)
    world.stage_record = world.project.stage_records.create(stage="planning", began_on=dt.date(2026, 1, 5))


def _pk(w):
    return {"pk": w.project.pk}


def _move(direction="down"):
    return lambda w: {"direction": direction}


ROWS = {
    "projects:list": Row(expect=expect(other_org=200, outsider=200, **SEES)),
    "projects:create": Row(
        expect=expect(other_org=200, outsider=200, support=200, lead=200, chair=403, manager=200, admin=200)
    ),
    "projects:detail": Row(kwargs=_pk, expect=expect(**SEES)),
    "projects:edit": Row(kwargs=_pk, expect=expect(**EDITS)),
    "projects:advance": Row(kwargs=_pk, expect=expect(**EDITS)),
    "projects:stage_edit": Row(
        kwargs=lambda w: {"pk": w.project.pk, "record_pk": w.stage_record.pk}, expect=expect(**EDITS)
    ),
    "projects:team": Row(kwargs=_pk, expect=expect(**SEES)),
    "projects:team_add": Row(
        kwargs=_pk,
        method="post",
        data=lambda w: {"user": w.users["outsider"].pk, "role": "support"},
        expect=expect(**LEADS_POST),
    ),
    "projects:team_remove": Row(
        kwargs=lambda w: {"pk": w.project.pk, "role_pk": w.users["support"].project_roles.get().pk},
        method="post",
        expect=expect(**LEADS_POST),
    ),
    "projects:outcome_add": Row(kwargs=_pk, expect=expect(**EDITS)),
    "projects:outcome_edit": Row(
        kwargs=lambda w: {"pk": w.project.pk, "outcome_pk": w.outcome.pk}, expect=expect(**EDITS)
    ),
    "projects:outcome_delete": Row(
        kwargs=lambda w: {"pk": w.project.pk, "outcome_pk": w.outcome.pk}, expect=expect(**EDITS)
    ),
    "projects:outcome_move": Row(
        kwargs=lambda w: {"pk": w.project.pk, "outcome_pk": w.outcome.pk},
        method="post",
        data=_move(),
        expect=expect(**EDITS_POST),
    ),
    "projects:measure_add": Row(
        kwargs=lambda w: {"pk": w.project.pk, "outcome_pk": w.outcome.pk}, expect=expect(**EDITS)
    ),
    "projects:measure_edit": Row(
        kwargs=lambda w: {"pk": w.project.pk, "measure_pk": w.measure.pk}, expect=expect(**EDITS)
    ),
    "projects:measure_delete": Row(
        kwargs=lambda w: {"pk": w.project.pk, "measure_pk": w.measure.pk}, expect=expect(**EDITS)
    ),
    "projects:measure_move": Row(
        kwargs=lambda w: {"pk": w.project.pk, "measure_pk": w.measure.pk},
        method="post",
        data=_move("up"),
        expect=expect(**EDITS_POST),
    ),
    "projects:objective_add": Row(kwargs=_pk, expect=expect(**EDITS)),
    "projects:objective_edit": Row(
        kwargs=lambda w: {"pk": w.project.pk, "objective_pk": w.objective.pk}, expect=expect(**EDITS)
    ),
    "projects:objective_delete": Row(
        kwargs=lambda w: {"pk": w.project.pk, "objective_pk": w.objective.pk}, expect=expect(**EDITS)
    ),
    "projects:objective_move": Row(
        kwargs=lambda w: {"pk": w.project.pk, "objective_pk": w.objective.pk},
        method="post",
        data=_move(),
        expect=expect(**EDITS_POST),
    ),
    "projects:activity_add": Row(kwargs=_pk, expect=expect(**EDITS)),
    "projects:activity_edit": Row(
        kwargs=lambda w: {"pk": w.project.pk, "activity_pk": w.activity.pk}, expect=expect(**EDITS)
    ),
    "projects:activity_delete": Row(
        kwargs=lambda w: {"pk": w.project.pk, "activity_pk": w.activity.pk}, expect=expect(**EDITS)
    ),
    "projects:activity_move": Row(
        kwargs=lambda w: {"pk": w.project.pk, "activity_pk": w.activity.pk},
        method="post",
        data=_move(),
        expect=expect(**EDITS_POST),
    ),
}
