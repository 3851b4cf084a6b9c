"""URLs for the benchmark only (never in the product's URLconf): the product's URLs, plus a
"ceiling" endpoint that does the submit's reads and writes in raw SQL, and a trivial view."""

import uuid

from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from coproduction.urls import urlpatterns as product_urlpatterns
from outcomes.anonymity import token_hash


@csrf_exempt
@login_not_required
def ceiling(request, token):
    """The submit's database work and nothing else, in the same order as
    services.response_submit: read the invitation with its questionnaire and the statements
    (outside the transaction, like the submit, which checks the answers before locking
    anything); then one transaction marks the invitation answered under its row lock (only
    while it has this token and is unanswered), inserts the response and its answers, and
    flags the questionnaire for resealing. The submit also queues the reseal task when that
    flag flips, once per reseal cycle (in the benchmark: once, during the warm-up), so it is
    left out here."""
    vendor = connection.vendor
    hashed = token_hash(token)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.id, i.completed, i.audience, q.id, q.opens_on, q.closes_on "
            "FROM outcomes_invitation i JOIN outcomes_questionnaire q ON q.id = i.questionnaire_id "
            "WHERE i.token_hash = %s",
            [hashed],
        )
        row = cursor.fetchone()
        if row is None or row[1]:
            return HttpResponse("no", status=404)
        invitation_id, _completed, audience, questionnaire_id = row[:4]
        cursor.execute(
            "SELECT id, kind FROM outcomes_statement WHERE questionnaire_id = %s AND audience IN ('both', %s) "
            "ORDER BY position, id",
            [questionnaire_id, audience],
        )
        statements = [sid for sid, kind in cursor.fetchall() if kind == "likert"]
    uid = (lambda u: u) if vendor == "postgresql" else (lambda u: u.hex)
    response_id = uuid.uuid4()
    values, params = [], []
    for statement_id in statements:
        values.append("(%s, %s, %s, %s, %s)")
        params += [
            uid(uuid.uuid4()),
            uid(response_id),
            statement_id,
            int(request.POST.get(f"s{statement_id}", "4")),
            "",
        ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE outcomes_invitation SET completed = %s WHERE id = %s AND token_hash = %s AND completed = %s",
            [True, invitation_id, hashed, False],
        )
        if cursor.rowcount != 1:
            transaction.set_rollback(True)
            return HttpResponse("used", status=409)
        cursor.execute(
            "INSERT INTO outcomes_response (id, questionnaire_id, audience, answered_on) VALUES (%s, %s, %s, %s)",
            [uid(response_id), questionnaire_id, audience, timezone.localdate()],
        )
        cursor.execute(
            "INSERT INTO outcomes_answer (id, response_id, statement_id, value, text) VALUES " + ", ".join(values),
            params,
        )
        cursor.execute(
            "UPDATE outcomes_questionnaire SET reseal_due = %s WHERE id = %s AND reseal_due = %s",
            [True, questionnaire_id, False],
        )
    return HttpResponse("ok", status=302, headers={"Location": "/r/questionnaire/thanks/"})


@csrf_exempt
@login_not_required
def trivial(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/ceiling/<str:token>/", ceiling),
    path("bench/trivial/", trivial),
    path("", include(product_urlpatterns)),
]
