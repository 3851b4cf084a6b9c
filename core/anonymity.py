"""Anonymous answers through emailed links: tokens, the invitation, redeeming a link, resealing.

An invitation row (who was asked, the hash of the link's token, answered or not) and answer
rows with no key to the person or the invitation. What ties them together on disk is what this
module works against (docs/anonymity.md has the whole design and what remains):

- Redeeming a link writes in three steps, each its own transaction on PostgreSQL: mark the
  invitation "in flight", store the answer, mark it answered. So the answer rows never carry
  the transaction id (xmin) of an invitation version. The steps run under a PostgreSQL
  session advisory lock per questionnaire, round or project (it writes nothing), so a link is
  used at most once, and a redeem a crash left in flight is settled by the next one: under the
  lock, if the scope holds more answers given through links than answered invitations, its
  answer was stored (mark it answered), otherwise not (give the link back).
- On SQLite, rows carry no transaction id: the three steps run in one transaction, under the
  database's single write lock, and a crash loses all or nothing.
- The reseal (a periodic job) rewrites the answers and the answered invitations in random
  order, in two transactions, then VACUUMs their tables on PostgreSQL, so the versions the
  submit wrote (their transaction ids and their order) are gone. SQLite runs with
  ``PRAGMA secure_delete=ON`` (settings), so deleted rows are overwritten with zeros.
- Tokens are random, only their hash is stored, and they are never logged.
"""

import contextlib
import hashlib
import random
import secrets

from django.db import connections, models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LinkInvalid(Exception):
    """Unknown or tampered link (or one emailed afresh since, or no longer open)."""


class LinkUsed(Exception):
    """The link has already been used to answer."""


def token_new():
    """A fresh random token and the hash to store. Only the hash is ever written down."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def link_hash(token):
    """The hash to look a link's token up by; LinkInvalid for what cannot be a token."""
    if not token or len(token) > 100:
        raise LinkInvalid
    return token_hash(token)


class AnonymousInvitation(models.Model):
    """Abstract invitation: one per person per questionnaire, round or project (its scope).

    A concrete model sets ``scope_field`` (the foreign key its answers are grouped by) and
    implements ``link_answers(scope_id)`` and ``answer_rows(scope_id)``."""

    scope_field = None

    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    completed = models.BooleanField(_("answered"), default=False)
    # Set while its answer is being stored (between the first and last step of a redeem); one
    # left set by a crash is settled under the scope's lock (in_flight_settle).
    in_flight = models.BooleanField(default=False, editable=False)
    # Answered (or in flight) since the scope's last reseal: the periodic job reseals the scope.
    reseal_due = models.BooleanField(default=False, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def link_answers(cls, scope_id):
        """How many answers the scope holds that were given through links (not typed in from
        paper), counted in one statement, so that an answer typed in at that moment is counted
        on both sides of the subtraction or on neither."""
        raise NotImplementedError

    @classmethod
    def answer_rows(cls, scope_id):
        """Querysets of the scope's anonymous answer rows to reseal, parents before children."""
        raise NotImplementedError

    @classmethod
    def scope_attname(cls):
        return cls._meta.get_field(cls.scope_field).attname

    def token_refresh(self):
        """Mint a new token (used each time the link is emailed) and return it."""
        token, self.token_hash = token_new()
        type(self).objects.filter(pk=self.pk).update(token_hash=self.token_hash)
        return token


def invitation_find(queryset, token):
    """The invitation for a token, without using it up (scanners open links first)."""
    try:
        return queryset.get(token_hash=link_hash(token))
    except queryset.model.DoesNotExist:
        raise LinkInvalid from None


def _lock_key(model, scope_id):
    """A 64-bit key for pg_advisory_lock, one per scope (a clash only makes two scopes wait)."""
    digest = hashlib.blake2b(f"{model._meta.db_table}:{scope_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextlib.contextmanager
def scope_serialised(model, scope_id):
    """Run a scope's redeems and reseals one at a time. Yields ``step``: a context manager for
    one transaction of the work.

    PostgreSQL: a session advisory lock, taken and released through a plain cursor outside any
    transaction; it writes nothing, so it leaves no transaction id anywhere, and it is released
    when the session ends however the process ends. Each step is its own transaction (durable:
    never merged into a caller's, which would put every step under one id).
    SQLite: one transaction for the whole (IMMEDIATE: it holds the database's write lock from
    the start); rows carry no transaction id there, and one transaction cannot be half done."""
    using = model._base_manager.db
    connection = connections[using]
    if connection.vendor != "postgresql":
        with transaction.atomic(using=using, durable=True):
            yield contextlib.nullcontext
        return
    key = _lock_key(model, scope_id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield lambda: transaction.atomic(using=using, durable=True)
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        except Exception:
            # The session cannot be trusted to unlock: end it, which releases the lock.
            connection.close()
            raise


def in_flight_settle(model, scope_id):
    """Settle redeems a crash left in flight in this scope (call under scope_serialised).

    Every finished redeem adds one answer given through a link and one answered invitation, so
    the two counts differ only by answers whose invitation is still in flight. Under the lock
    at most one is (each redeem settles before it starts): if there is an answer more than
    answered invitations, it was stored, so the invitation is marked answered; otherwise it was
    not, and the link works again. Returns how many were settled."""
    invitations = model._base_manager.filter(**{model.scope_attname(): scope_id})
    flights = list(invitations.filter(in_flight=True).values_list("pk", flat=True))
    if not flights:
        return 0
    stored = model.link_answers(scope_id) - invitations.filter(completed=True).count()
    # More than one in flight cannot happen while every redeem settles first; if it ever did,
    # nobody can tell whose answers were stored, so none of them may answer again.
    answered = stored > 0
    invitations.filter(pk__in=flights).update(in_flight=False, completed=answered, reseal_due=True)
    return len(flights)


def invitation_redeem(invitations, invitation, write_answer, *, token=None):
    """Use up ``invitation`` and store its answer with ``write_answer(invitation)``, at most once.

    ``invitations``: the queryset it was read from; its filters still apply when it is marked
    (for example: only while its round is open). ``token``: the link's token; the invitation
    is used only while it still has it (the link was not emailed afresh meanwhile). None on the
    shared device at a meeting, where the member chose their name.
    ``write_answer`` must store only answer rows, nothing that refers to the invitation or the
    person. Raises LinkInvalid or LinkUsed, with nothing stored. Call outside any transaction."""
    model = type(invitation)
    scope_id = getattr(invitation, model.scope_attname())
    mine = invitations.filter(pk=invitation.pk)
    if token is not None:
        mine = mine.filter(token_hash=link_hash(token))
    with scope_serialised(model, scope_id) as step:
        in_flight_settle(model, scope_id)
        _mark_in_flight(mine, checking_token=token is not None)
        answer = _answer_store(step, write_answer, invitation)
        _mark_answered(invitation)
    return answer


# The three steps of a redeem, each its own transaction on PostgreSQL (a crash between any two
# is settled by in_flight_settle).


def _mark_in_flight(mine, *, checking_token):
    """Only while unanswered and not in flight: of two submits, one changes the row."""
    if not mine.filter(completed=False, in_flight=False).update(in_flight=True, reseal_due=True):
        if checking_token and not mine.exists():
            raise LinkInvalid
        raise LinkUsed


def _answer_store(step, write_answer, invitation):
    with step():
        return write_answer(invitation)


def _mark_answered(invitation):
    type(invitation)._base_manager.filter(pk=invitation.pk).update(in_flight=False, completed=True)


def _rows_rewrite(querysets):
    """Delete the rows and insert them again, the same values in random order. Parents come
    before children in ``querysets``: children are deleted first and inserted last."""
    snapshots = []
    for queryset in querysets:
        rows = list(queryset.values())
        random.SystemRandom().shuffle(rows)
        snapshots.append((queryset.model, rows))
    for model, rows in reversed(snapshots):
        ids = [row["id"] for row in rows]
        # In batches: SQLite limits the number of parameters in one statement.
        for start in range(0, len(ids), 500):
            model._base_manager.filter(pk__in=ids[start : start + 500]).delete()
    for model, rows in snapshots:
        model._base_manager.bulk_create([model(**row) for row in rows], batch_size=500)


def scope_reseal(model, scope_id):
    """Rewrite a scope's answers together, in random order, in one transaction, then its
    answered invitations, one at a time in random order, in another. Afterwards (and once
    VACUUM has run, see tables_vacuum) no answer shares a transaction id with an invitation or
    with the moment it arrived, and neither table's physical order follows arrival.
    Returns the answer tables rewritten."""
    with scope_serialised(model, scope_id) as step:
        in_flight_settle(model, scope_id)
        querysets = model.answer_rows(scope_id)
        with step():
            _rows_rewrite(querysets)
        answered = list(
            model._base_manager.filter(**{model.scope_attname(): scope_id}, completed=True).values_list("pk", flat=True)
        )
        random.SystemRandom().shuffle(answered)
        with step():
            # One UPDATE each, in random order: each writes a new version of its row in turn.
            for pk in answered:
                model._base_manager.filter(pk=pk).update(reseal_due=False)
            model._base_manager.filter(**{model.scope_attname(): scope_id}, reseal_due=True).update(reseal_due=False)
    return [queryset.model for queryset in querysets]


def invitations_reseal(model):
    """The periodic job's work for one kind of invitation: reseal every scope answered (or left
    in flight) since its last reseal, then VACUUM the tables. Returns how many were resealed."""
    due = (
        model._base_manager.filter(Q(reseal_due=True) | Q(in_flight=True))
        .order_by()
        .values_list(model.scope_attname(), flat=True)
        .distinct()
    )
    tables = {model}
    scopes = list(due)
    for scope_id in scopes:
        tables.update(scope_reseal(model, scope_id))
    if scopes:
        tables_vacuum(*tables)
    return len(scopes)


def tables_vacuum(*models_):
    """PostgreSQL: VACUUM the tables, so the row versions a reseal deleted (with the submit's
    transaction ids) are removed from their pages. VACUUM cannot run inside a transaction: the
    connection must be outside any atomic block. SQLite needs nothing (secure_delete)."""
    connection = connections[models_[0]._base_manager.db]
    if connection.vendor != "postgresql":
        return
    if connection.in_atomic_block:
        # Sent anyway, PostgreSQL would refuse it and abort the caller's transaction.
        raise RuntimeError("VACUUM cannot run inside a transaction: call the reseal job outside atomic()")
    names = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models_)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {names}")
