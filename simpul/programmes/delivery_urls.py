"""Running a programme and its report, mounted at /kelola/pelaksanaan/."""

from django.urls import path

from .views import delivery as v
from .views import delivery_report as r

app_name = "delivery"

urlpatterns = [
    path("<str:key>/", v.DeliveryView.as_view(), name="programme"),
    path("<str:key>/mulai/", v.StartView.as_view(), name="start"),
    path("<str:key>/sesi/", v.SessionAddView.as_view(), name="session_add"),
    path("<str:key>/sesi/<int:pk>/", v.SessionUpdateView.as_view(), name="session_update"),
    path("<str:key>/sesi/<int:pk>/hapus/", v.SessionRemoveView.as_view(), name="session_remove"),
    path("<str:key>/sesi/<int:pk>/kehadiran/", v.AttendanceView.as_view(), name="attendance"),
    path("<str:key>/peserta/<str:app>/nilai/", v.ScoresView.as_view(), name="scores"),
    path("<str:key>/peserta/<str:app>/selesai/", v.CompleteView.as_view(), name="complete"),
    path("<str:key>/peserta/<str:app>/gugur/", v.DropView.as_view(), name="drop"),
    path("<str:key>/peserta/<str:app>/hasil/", v.OutcomeAddView.as_view(), name="outcome_add"),
    path("<str:key>/hasil/<int:pk>/hapus/", v.OutcomeRemoveView.as_view(), name="outcome_remove"),
    path("<str:key>/tindak-lanjut/<int:pk>/", v.FollowUpOfficerView.as_view(), name="followup"),
    path("<str:key>/laporan/", r.ReportView.as_view(), name="report"),
    path("<str:key>/laporan.xlsx", r.ReportXlsxView.as_view(), name="report_xlsx"),
    path(
        "tindak-lanjut/<int:pk>/<str:key>/",
        r.FollowUpOwnerView.as_view(),
        name="followup_owner",
    ),
]
