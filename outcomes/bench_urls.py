"""URLs for the benchmark only (never in the product's URLconf): the product's URLs, plus a
"ceiling" endpoint that does the submit's reads and writes in raw SQL, and a trivial view."""

import uuid
from contextlib import nullcontext

from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from coproduction.urls import urlpatterns as product_urlpatterns
from core.anonymity import token_hash


@csrf_exempt
@login_not_required
def ceiling(request, token):
    """The submit's database work and nothing else, in the same order as
    services.response_submit: read the invitation with its questionnaire and the statements
    (outside any lock, like the submit, which checks the answers first); then, under the
    questionnaire's lock, look for a submit left in flight, mark the invitation in flight
    (only while it has this token and is unanswered), insert the response and its answers,
    and mark the invitation answered."""
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
    # As core.anonymity.invitation_redeem: on PostgreSQL a session advisory lock per
    # questionnaire and three transactions; on SQLite one transaction.
    lock = "SELECT pg_advisory_lock(%s)" if vendor == "postgresql" else None
    key = questionnaire_id
    outer = transaction.atomic() if vendor != "postgresql" else nullcontext()
    step = transaction.atomic if vendor == "postgresql" else nullcontext
    with outer, connection.cursor() as cursor:
        if lock:
            cursor.execute(lock, [key])
        try:
            cursor.execute(
                "SELECT 1 FROM outcomes_invitation WHERE questionnaire_id = %s AND in_flight = %s",
                [questionnaire_id, True],
            )
            cursor.fetchall()
            cursor.execute(
                "UPDATE outcomes_invitation SET in_flight = %s, reseal_due = %s "
                "WHERE id = %s AND token_hash = %s AND completed = %s AND in_flight = %s",
                [True, True, invitation_id, hashed, False, False],
            )
            if cursor.rowcount != 1:
                if not lock:
                    transaction.set_rollback(True)
                return HttpResponse("used", status=409)
            with step():
                cursor.execute(
                    "INSERT INTO outcomes_response (id, questionnaire_id, audience) VALUES (%s, %s, %s)",
                    [uid(response_id), questionnaire_id, audience],
                )
                cursor.execute(
                    "INSERT INTO outcomes_answer (id, response_id, statement_id, value, text) VALUES "
                    + ", ".join(values),
                    params,
                )
            cursor.execute(
                "UPDATE outcomes_invitation SET in_flight = %s, completed = %s WHERE id = %s",
                [False, True, invitation_id],
            )
        finally:
            if lock:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
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
