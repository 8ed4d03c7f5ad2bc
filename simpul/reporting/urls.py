"""Yearly figures: the owner's pages, the per-enterprise pages shared by owners and
officers, and the officers' review queue. Included once at the root."""

from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("usaha/laporan-tahunan/", views.OwnerReportsView.as_view(), name="mine"),
    path("ikm/<int:pk>/laporan-tahunan/", views.EnterpriseFiguresView.as_view(), name="enterprise"),
    path("ikm/<int:pk>/laporan-tahunan/<int:year>/", views.SubmitView.as_view(), name="submit"),
    path("kelola/laporan-tahunan/", views.QueueView.as_view(), name="queue"),
    path("kelola/laporan-tahunan/<int:pk>/", views.ReviewView.as_view(), name="review"),
    path("kelola/laporan-tahunan/impor/", views.ImportView.as_view(), name="import"),
    path(
        "kelola/laporan-tahunan/contoh.xlsx", views.TemplateDownloadView.as_view(), name="template"
    ),
    path("kelola/laporan-tahunan/belum-melapor/", views.DueListView.as_view(), name="due"),
    path(
        "kelola/laporan-tahunan/belum-melapor.xlsx",
        views.DueDownloadView.as_view(),
        name="due_xlsx",
    ),
]
