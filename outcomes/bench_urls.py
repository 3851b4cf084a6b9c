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
    """The submit's database work and nothing else: lock and read the invitation with its
    questionnaire, read the statements, mark the invitation answered, insert the response
    and its answers, flag the questionnaire for resealing; one transaction."""
    vendor = connection.vendor
    lock = " FOR UPDATE OF i" if vendor == "postgresql" else ""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.id, i.completed, i.audience, q.id, q.opens_on, q.closes_on "
            "FROM outcomes_invitation i JOIN outcomes_questionnaire q ON q.id = i.questionnaire_id "
            "WHERE i.token_hash = %s" + lock,
            [token_hash(token)],
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
        cursor.execute(
            "UPDATE outcomes_invitation SET completed = %s WHERE id = %s AND completed = %s",
            [True, invitation_id, False],
        )
        response_id = uuid.uuid4()
        uid = (lambda u: u) if vendor == "postgresql" else (lambda u: u.hex)
        cursor.execute(
            "INSERT INTO outcomes_response (id, questionnaire_id, audience, answered_on) VALUES (%s, %s, %s, %s)",
            [uid(response_id), questionnaire_id, audience, timezone.localdate()],
        )
        values, params = [], []
        for statement_id in statements:
            value = request.POST.get(f"s{statement_id}", "4")
            values.append("(%s, %s, %s, %s, %s)")
            params += [uid(uuid.uuid4()), uid(response_id), statement_id, int(value), ""]
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
