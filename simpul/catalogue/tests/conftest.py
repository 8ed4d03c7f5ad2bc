import io

import pytest
from PIL import Image

from simpul.core.audit import Provenance
from simpul.core.models import Source


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), exif: bool = False) -> bytes:
    """A real encoded image; with exif=True it carries a GPS-looking EXIF block."""
    image = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    extra = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "KameraRahasia"  # Make
        data[0x0112] = 6  # orientation: rotated 90°, so width and height swap on display
        extra["exif"] = data.tobytes()
    image.save(out, fmt, **extra)
    return out.getvalue()


def flash_messages(response) -> list[str]:
    """The Django messages a (followed) response carried."""
    return [str(m) for m in response.context["messages"]]


def draft_enterprise_of(user, regions, name: str):
    """A draft enterprise of another owner, in the same village as `verified_enterprise`."""
    from simpul.registry import services as registry

    return registry.enterprise_create_draft(
        provenance=Provenance(actor=user, source=Source.SELF_REGISTRATION),
        name=name,
        legal_form="ud",
        village=regions["18.71.01.1001"],
    )


@pytest.fixture
def owner_client(client, owner_user):
    client.force_login(owner_user)
    return client


@pytest.fixture
def owner_prov(owner_user):
    return Provenance(actor=owner_user, source=Source.SELF_REGISTRATION)


@pytest.fixture
def officer_prov(officer):
    return Provenance(actor=officer, source=Source.OFFICER)


@pytest.fixture
def verified_enterprise(complete_enterprise, owner_prov, officer_prov):
    from simpul.registry import services

    services.enterprise_submit(enterprise=complete_enterprise, provenance=owner_prov)
    services.enterprise_verify(enterprise=complete_enterprise, provenance=officer_prov)
    complete_enterprise.refresh_from_db()
    return complete_enterprise


@pytest.fixture
def product(verified_enterprise, owner_prov):
    from simpul.catalogue import services

    item = services.product_create(
        enterprise=verified_enterprise,
        provenance=owner_prov,
        data={
            "name": "Keripik Pisang Coklat",
            "description": "Keripik pisang kepok dengan balutan coklat, renyah.",
            "price_min": 15_000,
            "unit": "bungkus",
            "min_order": 10,
        },
    )
    return services.product_publish(product=item, provenance=owner_prov, published=True)
