from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    path("", include("simpul.registry.public_urls")),
    path("", include("simpul.catalogue.urls")),
    path("kelola/", include("simpul.catalogue.manage_urls")),
    path("kelola/", include("simpul.catalogue.marketplace_urls")),
    path("program/", include("simpul.programmes.public_urls")),
    path("kelola/program/", include("simpul.programmes.manage_urls")),
    path("kelola/kurasi/", include("simpul.programmes.curation_urls")),
    path("kelola/pelaksanaan/", include("simpul.programmes.delivery_urls")),
    path("kelola/target/", include("simpul.programmes.target_urls")),
    path("usaha/program/", include("simpul.programmes.urls")),
    path("kemitraan/", include("simpul.partnerships.urls")),
    path("kelola/wawasan/", include("simpul.insights.dashboard_urls")),
    path("kelola/wawasan/", include("simpul.insights.report_urls")),
    path("data/", include("simpul.insights.opendata_urls")),
    path("akun/", include("simpul.accounts.urls")),
    path("pemberitahuan/", include("simpul.notifications.urls")),
    path("", include("simpul.registry.urls")),
    path("", include("simpul.reporting.urls")),
    path("", include("simpul.exchange.urls")),
    path("impor/", include("simpul.exchange.import_urls")),
    path("wilayah/", include("simpul.regions.urls")),
    path("kbli/", include("simpul.kbli.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Product photos, re-encoded by us and named at random. A front web server should
    # serve MEDIA_ROOT itself in production (SERVE_MEDIA=0).
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
