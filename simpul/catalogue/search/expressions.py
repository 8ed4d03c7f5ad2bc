"""Raw SQL that names the product table by the alias the query gives it."""

from __future__ import annotations

from django.db.models import Expression, Field


class TableSql(Expression):
    """`template` with `{table}` replaced by the quoted alias of the query's base table
    (the product table), so the SQL stays right inside subqueries that alias it."""

    def __init__(self, template: str, params: list, output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.template, self.params = template, params

    def as_sql(self, compiler, connection):  # noqa: ARG002 - Django's signature
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(table=alias), list(self.params)
