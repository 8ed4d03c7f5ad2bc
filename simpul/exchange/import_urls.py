"""The officer's import screens, mounted under impor/."""

from django.urls import path

from .views import imports

app_name = "imports"

urlpatterns = [
    path("", imports.BatchListView.as_view(), name="list"),
    path("<str:key>/", imports.BatchDetailView.as_view(), name="detail"),
    path("<str:key>/kemajuan/", imports.BatchProgressView.as_view(), name="progress"),
    path("<str:key>/sheet/", imports.BatchSheetView.as_view(), name="sheet"),
    path("<str:key>/pemetaan/", imports.BatchMappingView.as_view(), name="mapping"),
    path("<str:key>/laporan/", imports.BatchReportView.as_view(), name="report"),
    path("<str:key>/impor/", imports.BatchCommitView.as_view(), name="commit"),
    path("<str:key>/batalkan/", imports.BatchRollbackView.as_view(), name="rollback"),
    path("<str:key>/buang/", imports.BatchDiscardView.as_view(), name="discard"),
]
