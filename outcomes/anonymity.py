"""The anonymous-answer machinery shared by outcome questionnaires and reflection rounds.

It follows the anonymity design in the brief:
- an invitation row (person, what it is for, hash of the token, sent, reminded, completed)
  and an answer row with no key to the person or the invitation, no token, no IP, no user
  agent and no time finer than a date;
- redeeming a link marks the invitation completed in the same transaction as the answer
  is written, under a row lock, so a link is used at most once even by two submissions at once;
- tokens are random, only their hash is stored, and they are never logged (see
  organisations.logging: resident links live under /r/<kind>/<token>/).
"""

import hashlib
import secrets

from django.db import connections, models, transaction
from django.db.models import sql
from django.utils.translation import gettext_lazy as _

from .prepared import Prepared


class LinkInvalid(Exception):
    """Unknown or tampered link."""


class LinkUsed(Exception):
    """The link has already been used to answer."""


def token_new():
    """A fresh random token and the hash to store. Only the hash is ever written down."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


class AnonymousInvitation(models.Model):
    """Abstract invitation: one per person per questionnaire or round."""

    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    completed = models.BooleanField(_("answered"), default=False)

    class Meta:
        abstract = True

    def token_refresh(self):
        """Mint a new token (used each time the link is emailed) and return it."""
        token, self.token_hash = token_new()
        type(self).objects.filter(pk=self.pk).update(token_hash=self.token_hash)
        return token


def link_hash(token):
    """The hash to look a link's token up by; LinkInvalid for what cannot be a token."""
    if not token or len(token) > 100:
        raise LinkInvalid
    return token_hash(token)


def invitation_find(queryset, token):
    """The invitation for a token, without using it up (scanners open links first)."""
    # get(), not first(): the hash is unique, so no ORDER BY is needed.
    try:
        return queryset.get(token_hash=link_hash(token))
    except queryset.model.DoesNotExist:
        raise LinkInvalid from None


def compiled_update(queryset, **values):
    """``queryset.update(**values)`` as (sql, params), compiled now to be run later.

    Why: turning a queryset into SQL takes longer than SQLite takes to run it, so the writes
    of an answer are compiled before its transaction starts; the write lock (SQLite has one
    writer for the whole database) is then held only while the statements run."""
    query = queryset.query.chain(sql.UpdateQuery)
    query.add_update_values(values)
    compiler = query.get_compiler(queryset.db)
    compiler.pre_sql_setup()
    return compiler.as_sql()


def statements_run(statements, using="default"):
    """Run compiled (sql, params) statements; the number of rows the last one changed."""
    with connections[using].cursor() as cursor:
        for statement, params in statements:
            cursor.execute(statement, params)
        return cursor.rowcount


_MARKS = {}  # invitation model -> Prepared "mark answered" update


def _mark_statement(model, pk, hashed, using):
    """The conditional update that marks one invitation answered: only while it still has
    this token's hash and is unanswered. Compiled once per model (see prepared.py)."""
    if model not in _MARKS:
        _MARKS[model] = Prepared(
            lambda pk, hashed: compiled_update(
                model._base_manager.filter(pk=pk, token_hash=hashed, completed=False), completed=True
            ),
            int,
            str,
        )
    return _MARKS[model].statement(pk, hashed, using=using)


def invitation_redeem(queryset, token, write_answer, *, found=None):
    """Write an answer and mark the invitation completed, atomically and at most once.

    ``write_answer(invitation)`` stores the answer rows; it must not store anything that
    refers to the invitation or the person. Raises LinkInvalid or LinkUsed (nothing stored).

    ``found``: the invitation as the caller already read it with ``invitation_find`` (to check
    the answers before taking any lock). It is then not looked up a second time: the
    conditional update below locks its row, and matches only while the row still has this
    token and is unanswered, so the guarantee is the same with one query fewer. (The
    queryset's own filters were applied when it was found; only its row is marked.)"""
    hashed = token_hash(token)
    if found is not None:
        mark = _mark_statement(queryset.model, found.pk, hashed, queryset.db)
    with transaction.atomic(using=queryset.db):
        if found is None:
            # Lock only the invitation row ("self"): a select_related questionnaire stays
            # unlocked, so submissions for different people never wait for each other.
            invitation = invitation_find(queryset.select_for_update(of=("self",)), token)
            if invitation.completed:
                raise LinkUsed
            marked = queryset.filter(pk=invitation.pk, token_hash=hashed, completed=False).update(completed=True)
        else:
            invitation = found
            marked = statements_run([mark], using=queryset.db)
        # The conditional update is the guard that holds on every database: it takes the row's
        # write lock until the transaction ends, and of two concurrent submissions only one
        # changes the row (the other, once the first commits, sees completed and matches nothing).
        if not marked:
            if found is not None and not queryset.filter(pk=found.pk, token_hash=hashed).exists():
                raise LinkInvalid  # the link was emailed again (a new token) since it was read
            raise LinkUsed
        return write_answer(invitation)


def responses_reseal(*querysets):
    """Rewrite anonymous answer rows together, in random order, in one transaction.

    Why: on PostgreSQL every row carries the id of the transaction that wrote it (``xmin``),
    readable by any database user, and a table's physical order (PostgreSQL's ctid, SQLite's
    rowid) follows the order of arrival. Right after a submission, the answer shares its
    transaction id with the invitation marked completed. Rewriting all of a questionnaire's
    answers later gives them one new, shared transaction id and a shuffled order, so neither
    can tie an answer to an invitation or to when it arrived.

    Pass parent querysets before child querysets (e.g. responses, then their answers)."""
    import random

    with transaction.atomic():
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
