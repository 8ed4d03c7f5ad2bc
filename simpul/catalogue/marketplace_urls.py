"""Marketplace bulk-upload files and product feeds, under /kelola/."""

from django.urls import path

from .views import marketplace

app_name = "marketplace"

urlpatterns = [
    path(
        "ikm/<int:pk>/berkas-marketplace/",
        marketplace.EnterpriseFilesView.as_view(),
        name="enterprise",
    ),
    path(
        "sentra/<int:pk>/berkas-marketplace/",
        marketplace.SentraFilesView.as_view(),
        name="sentra",
    ),
]
