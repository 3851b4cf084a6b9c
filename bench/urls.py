"""The product's URLs plus two the benchmark compares against: a "ceiling" that does the
resident submit's database work in raw SQL and nothing else, and a trivial view."""

import uuid
from contextlib import nullcontext

from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from .common import bench_hash


def _read(token):
    """The invitation (with its questionnaire) and the statements it is asked, as the submit
    reads them before writing."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.id, i.completed, i.audience, q.id FROM outcomes_invitation i "
            "JOIN outcomes_questionnaire q ON q.id = i.questionnaire_id WHERE i.token_hash = %s",
            [bench_hash(token)],
        )
        row = cursor.fetchone()
        if row is None or row[1]:
            return None
        cursor.execute(
            "SELECT id FROM outcomes_statement WHERE questionnaire_id = %s AND audience IN ('both', %s) "
            "AND kind = 'likert' ORDER BY position, id",
            [row[3], row[2]],
        )
        return row, [statement_id for (statement_id,) in cursor.fetchall()]


@csrf_exempt
@login_not_required
def ceiling(request, token):
    """The submit's database work in raw SQL, as core.anonymity.invitation_redeem does it: on
    PostgreSQL, under the questionnaire's advisory lock (which writes nothing), look for a
    submit left in flight, mark the invitation in flight (only while it is unanswered), insert
    the response and its answers, mark the invitation answered, each in its own transaction;
    on SQLite the same statements in one transaction."""
    found = _read(token)
    if found is None:
        return HttpResponse("no", status=404)
    (invitation_id, _completed, audience, questionnaire_id), statements = found
    postgresql = connection.vendor == "postgresql"
    uid = (lambda u: u) if postgresql else (lambda u: u.hex)
    response_id = uuid.uuid4()
    params = []
    for statement_id in statements:
        value = int(request.POST.get(f"s{statement_id}") or 4)
        params += [uid(uuid.uuid4()), uid(response_id), statement_id, value, ""]
    outer = nullcontext() if postgresql else transaction.atomic()
    step = transaction.atomic if postgresql else nullcontext
    with outer, connection.cursor() as cursor:
        if postgresql:
            cursor.execute("SELECT pg_advisory_lock(%s)", [questionnaire_id])
        try:
            cursor.execute(
                "SELECT 1 FROM outcomes_invitation WHERE questionnaire_id = %s AND in_flight = %s",
                [questionnaire_id, True],
            )
            cursor.fetchall()
            cursor.execute(
                "UPDATE outcomes_invitation SET in_flight = %s, reseal_due = %s "
                "WHERE id = %s AND completed = %s AND in_flight = %s",
                [True, True, invitation_id, False, False],
            )
            if cursor.rowcount != 1:
                if not postgresql:
                    transaction.set_rollback(True)
                return HttpResponse("used", status=409)
            with step():
                cursor.execute(
                    "INSERT INTO outcomes_response (id, questionnaire_id, audience) VALUES (%s, %s, %s)",
                    [uid(response_id), questionnaire_id, audience],
                )
                cursor.execute(
                    "INSERT INTO outcomes_answer (id, response_id, statement_id, value, text) VALUES "
                    + ", ".join(["(%s, %s, %s, %s, %s)"] * len(statements)),
                    params,
                )
            cursor.execute(
                "UPDATE outcomes_invitation SET in_flight = %s, completed = %s WHERE id = %s",
                [False, True, invitation_id],
            )
        finally:
            if postgresql:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [questionnaire_id])
    return HttpResponse("ok", status=302, headers={"Location": "/r/questionnaire/thanks/"})


@csrf_exempt
@login_not_required
def trivial(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/ceiling/<str:token>/", ceiling),
    path("bench/trivial/", trivial),
    path("", include("coproduction.urls")),
]
