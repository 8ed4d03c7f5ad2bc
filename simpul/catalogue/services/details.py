"""Certificates and marketplace links of a product."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from simpul.core.audit import Provenance, record_change

from ..choices import MARKETPLACE_HOSTS, CertificationKind, Marketplace
from ..models import Certification, MarketplaceLink, Product
from .permissions import can_manage_products, require
from .products import locked_product
from .sync import product_refresh

MAX_LINKS = 12
_NUMBER_RE = re.compile(r"^[A-Za-z0-9./\- ]{3,60}$")


def marketplace_of(url: str) -> str | None:
    """The marketplace whose host (or a subdomain of it) serves `url`, if any."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for marketplace, hosts in MARKETPLACE_HOSTS.items():
        if any(host == h or host.endswith("." + h) for h in hosts):
            return marketplace
    return None


def _hidden_host() -> ValidationError:
    return ValidationError(
        {
            "url": _(
                "Tautan tidak boleh memuat garis miring terbalik, nama pengguna, kata sandi, "
                "atau tanda @ sebelum nama situs."
            )
        }
    )


def clean_marketplace_url(url: str, marketplace: str = "") -> tuple[str, str]:
    """(url, marketplace) for a shop or product link, or a ValidationError in Indonesian.
    Only https links on a marketplace's own hosts are accepted: a look-alike domain
    (tokopedia.com.evil.id) or a redirector is refused. So is a link whose host a browser
    reads differently from Python: a backslash (browsers take it for "/", so
    `https://evil.com\\@tokopedia.com/` opens evil.com) or a user name/password before
    an "@". The link stored is rebuilt from its parsed parts, not the text as typed."""
    url = url.strip()
    if "\\" in url:
        raise _hidden_host()
    if url and "://" not in url:
        url = "https://" + url
    try:
        URLValidator(schemes=["https"])(url)
        parts = urlsplit(url)
        port = parts.port  # a port that is not a number raises ValueError
    except (ValidationError, ValueError):
        raise ValidationError(
            {"url": _("Tautan tidak sah; gunakan alamat https lengkap.")}
        ) from None
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise _hidden_host()
    if parts.scheme != "https" or not parts.hostname:
        raise ValidationError({"url": _("Tautan tidak sah; gunakan alamat https lengkap.")})
    found = marketplace_of(url)
    if found is None:
        names = ", ".join(Marketplace(m).label for m in MARKETPLACE_HOSTS)
        raise ValidationError({"url": _("Tautan harus ke salah satu marketplace: %s.") % names})
    netloc = parts.hostname + (f":{port}" if port is not None else "")
    url = urlunsplit(("https", netloc, parts.path, parts.query, parts.fragment))
    if marketplace and marketplace != found:
        raise ValidationError(
            {
                "url": _("Tautan ini milik %s, bukan %s.")
                % (Marketplace(found).label, Marketplace(marketplace).label)
            }
        )
    return url, found


@transaction.atomic
def marketplace_link_add(
    *, product: Product, provenance: Provenance, url: str, marketplace: str = ""
) -> MarketplaceLink:
    product = locked_product(product)
    require(can_manage_products(provenance.actor, product.enterprise))
    url, marketplace = clean_marketplace_url(url, marketplace)
    if product.marketplace_links.count() >= MAX_LINKS:
        raise ValidationError({"url": _("Paling banyak %d tautan per produk.") % MAX_LINKS})
    if product.marketplace_links.filter(url=url).exists():
        raise ValidationError({"url": _("Tautan ini sudah tercatat.")})
    link = MarketplaceLink.objects.create(product=product, marketplace=marketplace, url=url)
    record_change(
        instance=product,
        action="marketplace_link_added",
        provenance=provenance,
        changes={"marketplace_links": [None, url]},
    )
    return link


def _remove(
    detail: MarketplaceLink | Certification, provenance: Provenance, field: str, action: str
) -> None:
    """Delete a link or a certificate of a product, audited on the product."""
    product = locked_product(detail.product)
    require(can_manage_products(provenance.actor, product.enterprise))
    label = detail.url if isinstance(detail, MarketplaceLink) else str(detail)
    detail.delete()
    product_refresh(product)  # certificates feed the facets; links cost nothing here
    record_change(
        instance=product,
        action=action,
        provenance=provenance,
        changes={field: [label, None]},
    )


@transaction.atomic
def marketplace_link_remove(*, link: MarketplaceLink, provenance: Provenance) -> None:
    _remove(link, provenance, "marketplace_links", "marketplace_link_removed")


def _clean_certificate(kind: str, number: str, issued_on, valid_until) -> str:
    if kind not in CertificationKind.values:
        raise ValidationError({"kind": _("Jenis sertifikasi tidak dikenal.")})
    number = " ".join(number.split())
    if not _NUMBER_RE.match(number):
        raise ValidationError(
            {"number": _("Nomor sertifikat 3–60 karakter: huruf, angka, titik, garis miring.")}
        )
    if issued_on and valid_until and valid_until < issued_on:
        raise ValidationError({"valid_until": _("Tanggal berlaku harus setelah tanggal terbit.")})
    return number


@transaction.atomic
def certification_add(
    *,
    product: Product,
    provenance: Provenance,
    kind: str,
    number: str,
    issued_on: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> Certification:
    product = locked_product(product)
    require(can_manage_products(provenance.actor, product.enterprise))
    number = _clean_certificate(kind, number, issued_on, valid_until)
    if product.certifications.filter(kind=kind, number=number).exists():
        raise ValidationError({"number": _("Sertifikat ini sudah tercatat.")})
    certificate = Certification.objects.create(
        product=product, kind=kind, number=number, issued_on=issued_on, valid_until=valid_until
    )
    product_refresh(product)
    record_change(
        instance=product,
        action="certification_added",
        provenance=provenance,
        changes={"certifications": [None, str(certificate)]},
    )
    return certificate


@transaction.atomic
def certification_remove(*, certification: Certification, provenance: Provenance) -> None:
    _remove(certification, provenance, "certifications", "certification_removed")
