from tests.access import ROLES, Row, expect
from tests.factories import QuestionnaireFactory, invitation_with_token

SEES = dict(support=200, lead=200, chair=200, manager=200, admin=200)
EDITS = dict(support=200, lead=200, chair=404, manager=404, admin=200)
POSTS = dict(support=302, lead=302, chair=404, manager=404, admin=302)
EVERYONE = dict.fromkeys(ROLES, 200)


def build(world):
    world.questionnaire = QuestionnaireFactory(project=world.project)
    world.statement = world.questionnaire.statements.first()
    # One token for every role: opening the page must not use it up.
    world.invitation, world.token = invitation_with_token(world.questionnaire)


def q(w):
    return {"project_pk": w.project.pk, "pk": w.questionnaire.pk}


ROWS = {
    "outcomes:list": Row(kwargs=lambda w: {"project_pk": w.project.pk}, expect=expect(**SEES)),
    "outcomes:create": Row(kwargs=lambda w: {"project_pk": w.project.pk}, expect=expect(**EDITS)),
    "outcomes:detail": Row(kwargs=q, expect=expect(**SEES)),
    "outcomes:edit": Row(kwargs=q, expect=expect(**EDITS)),
    "outcomes:statement_add": Row(kwargs=q, expect=expect(**EDITS)),
    "outcomes:statement_edit": Row(kwargs=lambda w: {**q(w), "statement_pk": w.statement.pk}, expect=expect(**EDITS)),
    "outcomes:statement_remove": Row(kwargs=lambda w: {**q(w), "statement_pk": w.statement.pk}, expect=expect(**EDITS)),
    "outcomes:invite": Row(kwargs=q, expect=expect(**EDITS)),
    "outcomes:remind": Row(kwargs=q, method="post", expect=expect(**POSTS)),
    "outcomes:close": Row(kwargs=q, method="post", expect=expect(**POSTS)),
    "outcomes:paper": Row(kwargs=q, expect=expect(**EDITS)),
    "outcomes:results": Row(kwargs=q, expect=expect(**SEES)),
    "outcomes:csv": Row(kwargs=q, expect=expect(**SEES)),
    "outcomes_public:questionnaire": Row(kwargs=lambda w: {"token": w.token}, expect=EVERYONE),
    "outcomes_public:thanks": Row(expect=EVERYONE),
}
