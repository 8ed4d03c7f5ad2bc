"""Product management (owners and officers) and curation (the Dinas), under /kelola/."""

from django.urls import path

from .views import curation, manage

app_name = "products"

urlpatterns = [
    path("ikm/<int:enterprise_pk>/produk/", manage.ProductListView.as_view(), name="list"),
    path("ikm/<int:enterprise_pk>/produk/baru/", manage.ProductCreateView.as_view(), name="create"),
    path("produk/<int:pk>/", manage.ProductEditView.as_view(), name="edit"),
    path("produk/<int:pk>/terbit/", manage.PublishView.as_view(), name="publish"),
    path("produk/<int:pk>/hapus/", manage.DeleteView.as_view(), name="delete"),
    path("produk/<int:pk>/foto/", manage.PhotoAddView.as_view(), name="photo_add"),
    path(
        "produk/<int:pk>/foto/<int:photo_pk>/hapus/",
        manage.PhotoRemoveView.as_view(),
        name="photo_remove",
    ),
    path("produk/<int:pk>/sertifikat/", manage.CertificationAddView.as_view(), name="cert_add"),
    path(
        "produk/<int:pk>/sertifikat/<int:cert_pk>/hapus/",
        manage.CertificationRemoveView.as_view(),
        name="cert_remove",
    ),
    path("produk/<int:pk>/tautan/", manage.LinkAddView.as_view(), name="link_add"),
    path(
        "produk/<int:pk>/tautan/<int:link_pk>/hapus/",
        manage.LinkRemoveView.as_view(),
        name="link_remove",
    ),
    path("kurasi/", curation.CurationListView.as_view(), name="curation"),
    path("kurasi/<int:pk>/unggulkan/", curation.FeatureView.as_view(), name="feature"),
    path("kurasi/<int:pk>/sembunyikan/", curation.HideView.as_view(), name="hide"),
    path("kurasi/<int:pk>/tampilkan/", curation.UnhideView.as_view(), name="unhide"),
]
