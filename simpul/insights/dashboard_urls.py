"""insights URLs: the regional dashboard and the enterprises behind its numbers, mounted at
/kelola/wawasan/ (office staff only)."""

from django.urls import path

from .views.dashboard import DashboardView
from .views.dashboard_drill import DrillView

app_name = "insights"

urlpatterns: list = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("daftar/", DrillView.as_view(), name="drill"),
]
