from django.urls import path

from .views import export

app_name = "exchange"

urlpatterns = [
    path("ikm/ekspor/", export.EnterpriseExportView.as_view(), name="export"),
    path("ikm/templat-impor/", export.ImportTemplateView.as_view(), name="template"),
]
