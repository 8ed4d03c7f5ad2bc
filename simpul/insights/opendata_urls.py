"""Open data: public aggregate pages and CSV/JSON downloads at /data/ (no login)."""

from django.urls import path

from simpul.insights.views import opendata as views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("ikm-kabupaten-kbli-kelas.<str:fmt>", views.table, name="table"),
    path("indikator.<str:fmt>", views.indicators, name="indicators"),
    path("indikator-<int:year>.<str:fmt>", views.indicators, name="indicators_year"),
    path("metadata-<str:table>.json", views.metadata, name="metadata"),
]
