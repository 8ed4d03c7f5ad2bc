"""Product photos: checked by content, re-encoded to WebP, EXIF removed.

Nothing of the upload is served as it came. The photo is decoded with Pillow and written
anew, so whatever rides inside or after the image (a script in a polyglot file, GPS
coordinates in EXIF) is dropped. SVG, GIF and anything else that is not a JPEG, PNG or
WebP raster is refused before it is decoded."""

from __future__ import annotations

import hashlib
import io
import secrets
import warnings
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from simpul.core.audit import Provenance, record_change

from ..models import MAX_PHOTOS, Product, ProductPhoto
from .permissions import can_manage_products, require
from .products import locked_product

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 48 MP phone photo is refused; 40 MP is ample for a product
MAX_SIDE = 12_000
LARGE_SIDE = 1600
THUMB_SIDE = 480
SHARE_SIDE = 1200
WEBP_QUALITY = 82
JPEG_QUALITY = 85

# Leading bytes of the only formats accepted, and what Pillow must then call them.
_MAGIC = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"))


def sniff_format(head: bytes) -> str | None:
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _refuse(message: str) -> ValidationError:
    return ValidationError({"photo": message})


def read_upload(upload: IO[bytes]) -> bytes:
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse(_("Foto terlalu besar: paling besar 10 MB."))
    if not data:
        raise _refuse(_("Berkas foto kosong."))
    return data


def decode_photo(data: bytes) -> Image.Image:
    """The decoded image, or a ValidationError saying in Indonesian why not."""
    expected = sniff_format(data[:16])
    if expected is None:
        raise _refuse(_("Berkas ini bukan foto JPEG, PNG, atau WebP."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise _refuse(_("Ukuran gambar terlalu besar: paling banyak 40 megapiksel."))
            if image.format != expected:
                raise _refuse(_("Isi berkas tidak sesuai dengan jenis fotonya."))
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(_("Ukuran gambar terlalu besar: paling banyak 40 megapiksel.")) from None
    except (OSError, SyntaxError, ValueError, Image.UnidentifiedImageError):
        raise _refuse(_("Foto rusak atau tidak dapat dibaca.")) from None
    return image


def _webp(image: Image.Image, side: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # No exif= and no icc_profile=: the new file carries pixels only.
    copy.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    return out.getvalue()


def _jpeg(image: Image.Image, side: int) -> bytes:
    copy = image.convert("RGB")  # transparency over black would look broken: use white
    if image.mode == "RGBA":
        copy = Image.new("RGB", image.size, (255, 255, 255))
        copy.paste(image, mask=image.getchannel("A"))
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


@dataclass(frozen=True)
class RenderedPhoto:
    large: bytes  # WebP for our own pages
    thumbnail: bytes  # WebP for lists and cards
    share: bytes  # JPEG for link previews (WhatsApp), marketplace files and feeds
    size: tuple[int, int]  # of the large one


def render_photo(image: Image.Image) -> RenderedPhoto:
    """The three files we keep of a photo. The EXIF orientation is applied first,
    because the tag that carried it is dropped. The JPEG exists because WhatsApp link
    previews, Meta catalogues and marketplace importers do not all read WebP."""
    image = ImageOps.exif_transpose(image)
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    image = image.convert(mode)
    large = _webp(image, LARGE_SIDE)
    size = Image.open(io.BytesIO(large)).size
    return RenderedPhoto(large, _webp(image, THUMB_SIDE), _jpeg(image, SHARE_SIDE), size)


@transaction.atomic
def photo_add(
    *, product: Product, provenance: Provenance, upload: IO[bytes], alt_text: str = ""
) -> ProductPhoto:
    product = locked_product(product)
    require(can_manage_products(provenance.actor, product.enterprise))
    if product.photos.count() >= MAX_PHOTOS:
        raise _refuse(_("Paling banyak %(n)d foto per produk.") % {"n": MAX_PHOTOS})
    data = read_upload(upload)
    digest = hashlib.sha256(data).hexdigest()
    if product.photos.filter(sha256=digest).exists():
        raise _refuse(_("Foto ini sudah ada pada produk ini."))
    rendered = render_photo(decode_photo(data))
    position = (product.photos.aggregate(m=Max("position"))["m"] or 0) + 1
    photo = ProductPhoto(
        product=product,
        position=position,
        width=rendered.size[0],
        height=rendered.size[1],
        alt_text=alt_text.strip()[:150],
        sha256=digest,
    )
    name = secrets.token_hex(8)
    photo.image.save(f"{name}.webp", ContentFile(rendered.large), save=False)
    photo.thumbnail.save(f"{name}-kecil.webp", ContentFile(rendered.thumbnail), save=False)
    photo.share_image.save(f"{name}.jpg", ContentFile(rendered.share), save=False)
    try:
        photo.save()
        record_change(
            instance=product,
            action="photo_added",
            provenance=provenance,
            changes={"photos": [position - 1, position]},
        )
    except Exception:
        # Written files go with the failed row (a later rollback of an outer transaction
        # can still orphan them; their names are random and nothing links to them).
        for stored in photo.files:
            stored.storage.delete(stored.name)
        raise
    return photo


@transaction.atomic
def photo_remove(*, photo: ProductPhoto, provenance: Provenance) -> None:
    product = locked_product(photo.product)
    require(can_manage_products(provenance.actor, product.enterprise))
    files = photo.files
    photo.delete()
    record_change(instance=product, action="photo_removed", provenance=provenance)
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
