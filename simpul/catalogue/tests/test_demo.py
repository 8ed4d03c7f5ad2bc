"""The demo catalogue: alive on the first `make run`, and written through the services."""

from simpul.catalogue.choices import MARKETPLACE_HOSTS
from simpul.catalogue.demo.seed import FEATURED, HIDDEN_REASON
from simpul.catalogue.models import Certification, MarketplaceLink, Product, ProductPhoto
from simpul.catalogue.services.details import marketplace_of
from simpul.core.models import ChangeRecord
from simpul.registry.tests.test_demo import lampung, seed  # noqa: F401 (fixture)


def test_demo_catalogue(lampung):  # noqa: F811
    out = seed()
    products = Product.objects.all()
    assert f"Katalog: {products.count()} produk" in out
    public = products.filter(is_public=True)
    assert public.count() >= 30
    assert all(p.enterprise.status == "verified" for p in public.select_related("enterprise"))
    # Photos are our WebP re-encodings, with thumbnails.
    photo = ProductPhoto.objects.first()
    assert photo.image.read()[8:12] == b"WEBP" and photo.thumbnail.name.endswith("-kecil.webp")
    assert public.filter(photos__isnull=False).exists()
    assert Certification.objects.filter(kind="halal").exists()
    assert Certification.objects.filter(kind="pirt").exists()
    links = MarketplaceLink.objects.all()
    assert links.exists()
    assert all(marketplace_of(link.url) == link.marketplace for link in links)
    assert {link.marketplace for link in links} <= set(MARKETPLACE_HOSTS)
    featured = products.exclude(featured_at=None)
    assert featured.count() == FEATURED and all(p.is_public for p in featured)
    # The demo owner sees one product hidden by the Dinas, with the reason.
    own = products.filter(enterprise__owner__user__email="pemilik@demo.simpul.id")
    assert own.count() == 2
    hidden = own.get(hidden_at__isnull=False)
    assert hidden.hidden_reason == HIDDEN_REASON and not hidden.is_public
    assert own.filter(is_public=True).count() == 1
    # Every product has its creation in the audit trail.
    created = ChangeRecord.objects.filter(entity="catalogue.product", action="created")
    assert created.count() == products.count()
