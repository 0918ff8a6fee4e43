"""`field__prefix="やま"`: a prefix match that every database answers from an index.

Django's `startswith` is `LIKE 'やま%' ESCAPE '\\'`, which SQLite never answers from an index (a full
scan at a million people). SQLite compares text by code point, so a prefix is a range there; PostgreSQL
uses LIKE, served by the varchar_pattern_ops indexes on the search keys.
"""

from django.db.models import CharField, Lookup

# The highest code point: every string that starts with the prefix sorts below prefix + this.
_TOP = "\U0010ffff"


@CharField.register_lookup
class Prefix(Lookup):
    lookup_name = "prefix"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = connection.ops.prep_for_like_query(self.rhs) + "%"
        return f"{lhs} LIKE %s", [*lhs_params, pattern]

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, self.rhs, *lhs_params, self.rhs + _TOP]
