"""Statements the ORM compiles once per process and database, then runs with new values.

Why: a resident's submit is held to 0.7x the throughput of the same reads and writes in
hand-written SQL (issue 5, `make bench`), and turning a queryset into SQL takes several times
as long as SQLite takes to run a lookup by an indexed column. So the submit's few statements
are written as querysets, as everywhere else, and compiled on first use only: the SQL still
comes from the ORM (quoting, each database's dialect, field conversions); what changes from
one submit to the next is only the values in its parameters."""

from django.db import connections
from django.db.models import QuerySet


def _marker(kind, number):
    """A stand-in value, passed to the query's builder where a real value will go: one no real
    value equals, left as it is by the database's conversion of parameters."""
    return f"\x00prepared:{number}" if kind is str else -7_300_000_000_000 - number


class Prepared:
    """``build(*markers)`` returns a queryset (a SELECT: ``rows()`` runs it) or an
    (sql, params) pair such as ``anonymity.compiled_update`` returns (``statement()`` gives it
    with the real values, to run later). ``kinds``: ``str`` or ``int`` for each argument (an
    integer marker where the value is a number or an id). Each marker must appear exactly once
    in the params."""

    def __init__(self, build, *kinds):
        self._build = build
        self._markers = [_marker(kind, number) for number, kind in enumerate(kinds)]
        self._compiled = {}  # database alias -> (sql, params, slots, converters)

    def _compile(self, using):
        compiled = self._compiled.get(using)
        if compiled is None:
            built = self._build(*self._markers)
            converters = []
            if isinstance(built, QuerySet):
                compiler = built.query.get_compiler(using)
                sql, params = compiler.as_sql()
                # What the ORM would apply to each column it reads (SQLite returns dates as text).
                converters = list(compiler.get_converters([col for col, _sql, _alias in compiler.select]).items())
            else:
                sql, params = built
            params = list(params)
            slots = [params.index(marker) for marker in self._markers]
            if any(params.count(marker) != 1 for marker in self._markers):
                raise ValueError("each marker must appear exactly once among the parameters")
            compiled = self._compiled[using] = (sql, params, slots, converters)
        return compiled

    def statement(self, *values, using="default"):
        """(sql, params) with the real values in place of the markers."""
        sql, params, slots, _converters = self._compile(using)
        params = list(params)
        for slot, value in zip(slots, values, strict=True):
            params[slot] = value
        return sql, params

    def rows(self, *values, using="default"):
        """The SELECT's rows as lists, each value converted as the ORM would."""
        sql, params = self.statement(*values, using=using)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = [list(row) for row in cursor.fetchall()]
        for pos, (functions, expression) in self._compile(using)[3]:
            for row in rows:
                for function in functions:
                    row[pos] = function(row[pos], expression, connection)
        return rows


_INSERTS = {}  # (model, rows, database alias) -> (INSERT sql, how its params are laid out)


def _insert_params(rows, layout):
    if layout == "rows":  # VALUES (%s, %s), (%s, %s): the values row after row
        return [value for row in rows for value in row]
    return [[list(column) for column in zip(*rows, strict=True)]]  # PostgreSQL's UNNEST: one array per column


def compiled_insert(objs, using="default"):
    """The INSERT statements for unsaved model instances (all of one model), as a list of
    (sql, params), to be run later. Like bulk_create it sends no signals; primary keys must
    already be set (ours are random UUIDs).

    The SQL for a given model and number of rows is compiled by the ORM once; later the params
    are each field's value as the ORM saves it, laid out as the first compiled statement's were
    (checked then: a layout not recognised is simply compiled every time)."""
    if not objs:
        return []
    from django.db.models import sql

    model = type(objs[0])
    fields = model._meta.concrete_fields
    connection = connections[using]
    size = max(connection.ops.bulk_batch_size(fields, objs), 1)
    statements = []
    for start in range(0, len(objs), size):
        batch = objs[start : start + size]
        rows = [[field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields] for obj in batch]
        key = (model, len(batch), using)
        if key in _INSERTS:
            text, layout = _INSERTS[key]
            statements.append((text, _insert_params(rows, layout)))
            continue
        query = sql.InsertQuery(model)
        query.insert_values(fields, batch)
        [(text, params)] = query.get_compiler(using).as_sql()
        layout = next((name for name in ("rows", "unnest") if list(params) == _insert_params(rows, name)), None)
        if layout:
            _INSERTS[key] = (text, layout)
        statements.append((text, params))
    return statements
