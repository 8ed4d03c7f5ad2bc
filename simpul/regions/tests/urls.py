from django.urls import include, path

urlpatterns = [path("wilayah/", include("simpul.regions.urls"))]
