"""The public list of open calls, mounted at /program/."""

from django.urls import path

from .views import public

app_name = "calls"

urlpatterns = [
    path("", public.CallListView.as_view(), name="list"),
    path("<str:key>/", public.CallDetailView.as_view(), name="detail"),
]
