"""Public catalogue pages (no login): search, product pages, the IKM directory, sentra
pages, sitemap.xml and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.cache import cache_control

from .views import directory, marketplace, public, seo

app_name = "catalogue"

# Crawlers may keep a sitemap an hour; it is built from indexed columns on each request.
sitemap_cache = cache_control(max_age=3600, public=True)

urlpatterns = [
    path("katalog/", public.CatalogueView.as_view(), name="search"),
    path("produk/<str:key>/", public.ProductView.as_view(), name="product_short"),
    path("produk/<str:key>/<slug:slug>/", public.ProductView.as_view(), name="product"),
    path("direktori/", directory.DirectoryView.as_view(), name="directory"),
    path("sentra/", directory.SentraListView.as_view(), name="sentra_list"),
    path("sentra/<str:key>/", directory.SentraView.as_view(), name="sentra_short"),
    path("sentra/<str:key>/<slug:slug>/", directory.SentraView.as_view(), name="sentra"),
    path("feed/google/<str:key>.xml", marketplace.google_feed, name="google_feed"),
    path("robots.txt", seo.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_cache(sitemap_views.index),
        {"sitemaps": seo.SITEMAPS, "sitemap_url_name": "catalogue:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_cache(sitemap_views.sitemap),
        {"sitemaps": seo.SITEMAPS},
        name="sitemap_section",
    ),
]
