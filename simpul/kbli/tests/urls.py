from django.urls import include, path

urlpatterns = [path("kbli/", include("simpul.kbli.urls"))]
