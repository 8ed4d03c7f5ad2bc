from django.urls import path

from simpul.kbli import views

app_name = "kbli"

urlpatterns = [
    path("cari/", views.kbli_results, name="search"),
]
