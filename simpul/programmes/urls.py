"""The owner's programme pages, mounted at /usaha/program/."""

from django.urls import path

from .views import owner

app_name = "programmes"

urlpatterns = [
    path("", owner.MyApplicationsView.as_view(), name="mine"),
    path("daftar/<str:key>/", owner.ApplyView.as_view(), name="apply"),
    path("dokumen/<int:pk>/<str:key>/", owner.DocumentView.as_view(), name="document"),
    path("<str:key>/", owner.ApplicationDetailView.as_view(), name="application"),
    path("<str:key>/periksa-ulang/", owner.RecheckView.as_view(), name="recheck"),
    path("<str:key>/mundur/", owner.WithdrawView.as_view(), name="withdraw"),
]
