from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("daftar/", views.SignupView.as_view(), name="signup"),
    path("sandi/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
    path("beranda/", views.HomeView.as_view(), name="home"),
    path("kantor/staf/", views.StaffListView.as_view(), name="staff"),
    path("kantor/staf/<int:pk>/aktif/", views.StaffToggleView.as_view(), name="staff_toggle"),
]
