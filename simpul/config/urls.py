from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("simpul.registry.public_urls")),
    path("akun/", include("simpul.accounts.urls")),
    path("", include("simpul.registry.urls")),
    path("", include("simpul.exchange.urls")),
    path("impor/", include("simpul.exchange.import_urls")),
    path("wilayah/", include("simpul.regions.urls")),
    path("kbli/", include("simpul.kbli.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]
