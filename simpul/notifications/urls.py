from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("<int:pk>/baca/", views.ReadView.as_view(), name="read"),
    path("baca-semua/", views.ReadAllView.as_view(), name="read_all"),
]
