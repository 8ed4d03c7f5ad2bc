"""Curation and selection, mounted at /kelola/kurasi/: the officers' applicants pages and
the panel's pages (panel/)."""

from django.urls import path

from .views import applicants as v
from .views import panel as p

app_name = "curation"

urlpatterns = [
    path("panel/", p.PanelView.as_view(), name="panel"),
    path("panel/<str:key>/", p.ReviewView.as_view(), name="review"),
    path("program/<str:key>/", v.ApplicantsView.as_view(), name="applicants"),
    path("program/<str:key>/mulai/", v.StartView.as_view(), name="start"),
    path("program/<str:key>/tahap/<int:number>/lanjut/", v.AdvanceView.as_view(), name="advance"),
    path("program/<str:key>/finalisasi/", v.FinaliseView.as_view(), name="finalise"),
    path("program/<str:key>/usulkan/", v.NominateView.as_view(), name="nominate"),
    path("pendaftar/<str:key>/", v.ApplicationView.as_view(), name="application"),
    path("pendaftar/<str:key>/putuskan/", v.DecideView.as_view(), name="decide"),
]
