"""Open data (issue 6, item 5): public pages and CSV/JSON downloads of aggregates, no
login. Everything is read from the rollups; cells under 5 IKM are suppressed
(simpul.insights.opendata.suppression)."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from simpul.insights.opendata import output, tables
from simpul.regions.models import Region

MAX_AGE = 3600  # aggregates change slowly; an hour of caching is harmless
FIRST_YEAR = 2000


def _current_year() -> int:
    return timezone.localtime().year


def _year(value) -> int:
    """A year from the path or ?tahun=; default the last complete year."""
    if value in (None, ""):
        return _current_year() - 1
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not FIRST_YEAR <= year <= _current_year():
        raise Http404
    return year


def _province(value) -> str:
    value = (value or "").strip()
    if value and not Region.objects.filter(code=value, level=Region.Level.PROVINCE).exists():
        raise Http404
    return value


def _regime(value) -> str:
    value = value or "permenperin"
    if value not in tables.REGIMES:
        raise Http404
    return value


def _cached(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _download(table: tables.Table, fmt: str, filename: str) -> HttpResponse:
    if fmt == "json":
        response = JsonResponse(
            output.as_json(table), json_dumps_params={"ensure_ascii": False, "indent": 1}
        )
    elif fmt == "csv":
        response = HttpResponse(output.as_csv(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        meta = reverse("opendata:metadata", kwargs={"table": table.key})
        response["Link"] = f'<{meta}?tahun={table.year}>; rel="describedby"'
    else:
        raise Http404
    response["Access-Control-Allow-Origin"] = "*"
    return _cached(response)


def _table(key: str, request, year: int) -> tables.Table:
    province = _province(request.GET.get("provinsi"))
    if key == "indikator":
        return tables.indicators(year, province)
    if key == "kbli_kelas":
        return tables.kbli_size(year, _regime(request.GET.get("kelas")), province)
    raise Http404


@require_GET
def table(request, fmt: str):
    """Verified IKM per regency × KBLI golongan pokok × size class
    (?tahun=, ?kelas=permenperin|pp7, ?provinsi=)."""
    year = _year(request.GET.get("tahun"))
    t = _table("kbli_kelas", request, year)
    return _download(t, fmt, f"ikm-kabupaten-kbli-kelas-{year}")


@require_GET
def indicators(request, fmt: str, year: int | None = None):
    """Main indicators per national / province / regency (?provinsi= for its regencies)."""
    year = _year(year if year is not None else request.GET.get("tahun"))
    t = _table("indikator", request, year)
    return _download(t, fmt, f"indikator-ikm-{year}")


@require_GET
def metadata(request, table: str):
    year = _year(request.GET.get("tahun"))
    t = {
        "indikator": tables.Table("indikator", "", year, tables.INDICATOR_COLUMNS),
        "kbli_kelas": tables.Table("kbli_kelas", "", year, tables.KBLI_COLUMNS),
    }.get(table)
    if t is None:
        raise Http404
    t.title = {
        "indikator": str(tables.INDICATOR_TITLE),
        "kbli_kelas": str(tables.KBLI_TITLE),
    }[table]
    response = JsonResponse(output.metadata(t), json_dumps_params={"ensure_ascii": False})
    return _cached(response)


@require_GET
def index(request):
    """The public page: what is published, the rules, and the tables as HTML."""
    year = _year(request.GET.get("tahun"))
    province = _province(request.GET.get("provinsi"))
    regime = _regime(request.GET.get("kelas"))
    indicator_table = tables.indicators(year, province)
    kbli_table = tables.kbli_size(year, regime, province) if province else None
    provinces = Region.objects.filter(level=Region.Level.PROVINCE).order_by("code")
    context = {
        "year": year,
        "years": list(range(_current_year(), _current_year() - 6, -1)),
        "province": province,
        "provinces": provinces,
        "regime": regime,
        "regimes": [(k, str(v[2])) for k, v in tables.REGIMES.items()],
        "indicators": _rows(indicator_table),
        "indicator_columns": indicator_table.columns,
        "kbli": _rows(kbli_table) if kbli_table else None,
        "kbli_columns": kbli_table.columns if kbli_table else None,
        "meta": output.metadata(indicator_table),
        "threshold": output.THRESHOLD,
        "source": output.SOURCE,
    }
    return _cached(render(request, "insights/opendata/index.html", context))


def _rows(table: tables.Table) -> list[list[tuple]]:
    """Rows as [(value, hidden, kind)] in column order, for the template."""
    out = []
    for row, hidden in zip(table.rows, table.hidden, strict=True):
        out.append([(row[c.name], c.name in hidden, c.kind) for c in table.columns])
    return out
