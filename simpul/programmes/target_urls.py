from django.urls import path

from .views import office_home

app_name = "targets"

urlpatterns = [
    path("", office_home.OfficeHomeView.as_view(), name="home"),
    path("<int:pk>/hapus/", office_home.TargetRemoveView.as_view(), name="remove"),
]
