"""Public htmx fragment: KBLI search results as radio items that sit inside a form."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from simpul.kbli.selectors import MIN_QUERY_LENGTH, kbli_search

MAX_QUERY_LENGTH = 100


@require_GET
def kbli_results(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    too_short = len(query) < MIN_QUERY_LENGTH
    results = [] if too_short else kbli_search(query=query)
    return render(
        request,
        "kbli/_results.html",
        {"query": query, "too_short": too_short, "results": results},
    )
