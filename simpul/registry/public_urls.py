from django.urls import path

from .views import public

app_name = "public"

urlpatterns = [
    path("", public.HomeView.as_view(), name="home"),
    path("profil/<str:key>/", public.PublicProfileView.as_view(), name="profile_short"),
    path("profil/<str:key>/<slug:slug>/", public.PublicProfileView.as_view(), name="profile"),
]
