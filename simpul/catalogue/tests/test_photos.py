"""Upload attacks and what a stored photo holds."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from simpul.catalogue import services
from simpul.catalogue.models import MAX_PHOTOS, ProductPhoto

from .conftest import image_bytes

pytestmark = pytest.mark.django_db


def add(product, prov, data: bytes):
    return services.photo_add(product=product, provenance=prov, upload=io.BytesIO(data))


def refused(product, prov, data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        add(product, prov, data)
    assert not ProductPhoto.objects.filter(product=product).exists()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_photo_is_reencoded_to_webp_without_exif(product, owner_prov):
    photo = add(product, owner_prov, image_bytes(size=(640, 480), exif=True))
    stored = photo.image.read()
    assert stored[:4] == b"RIFF" and stored[8:12] == b"WEBP"
    assert b"KameraRahasia" not in stored
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif()
    # The orientation tag was applied before it was dropped: portrait now.
    assert (photo.width, photo.height) == (480, 640) == image.size
    thumb = Image.open(photo.thumbnail)
    assert thumb.format == "WEBP" and max(thumb.size) == 480
    # The JPEG for link previews and marketplaces: same orientation, no EXIF either.
    shared = photo.share_image.read()
    assert b"KameraRahasia" not in shared
    share = Image.open(io.BytesIO(shared))
    assert share.format == "JPEG" and share.size == (480, 640) and not share.getexif()
    assert photo.share_url.endswith(".jpg")


def test_transparent_png_shares_on_white(product, owner_prov):
    image = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    photo = add(product, owner_prov, out.getvalue())
    share = Image.open(photo.share_image).convert("RGB")
    assert share.getpixel((20, 20)) == (255, 255, 255)
    assert Image.open(photo.image).mode == "RGBA"  # the WebP keeps its transparency


def test_large_photo_is_resized(product, owner_prov):
    photo = add(product, owner_prov, image_bytes("PNG", size=(3000, 1500)))
    assert (photo.width, photo.height) == (1600, 800)


def test_svg_with_script_is_refused(product, owner_prov):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    refused(product, owner_prov, svg, "bukan foto")


def test_html_and_gif_are_refused(product, owner_prov):
    refused(product, owner_prov, b"<html><script>alert(1)</script></html>", "bukan foto")
    refused(product, owner_prov, image_bytes("GIF"), "bukan foto")


def test_polyglot_payload_does_not_survive(product, owner_prov):
    """A valid JPEG with HTML appended (and a script in a comment) is stored as pixels."""
    payload = b"<script>alert(document.cookie)</script>"
    jpeg = image_bytes() + payload
    photo = add(product, owner_prov, jpeg)
    assert payload not in photo.image.read() and payload not in photo.thumbnail.read()


def test_format_mismatch_is_refused(product, owner_prov):
    # PNG magic, but the rest is a JPEG: Pillow would read it as something else.
    refused(product, owner_prov, b"\x89PNG\r\n\x1a\n" + image_bytes()[8:], "rusak|tidak sesuai")


def test_truncated_photo_is_refused(product, owner_prov):
    refused(product, owner_prov, image_bytes(size=(200, 200))[:300], "rusak")


def test_huge_dimensions_are_refused_before_decoding(product, owner_prov):
    """A PNG header claiming 30000 × 30000 pixels: refused from the header alone."""
    header = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header)
    data += png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + png_chunk(b"IEND", b"")
    refused(product, owner_prov, data, "terlalu besar")


def test_decompression_bomb_is_refused(product, owner_prov):
    """10000 × 5000 black pixels compress to a few kilobytes; 50 MP is over the limit."""
    buffer = io.BytesIO()
    Image.new("L", (10_000, 5_000)).save(buffer, "PNG", optimize=True)
    assert len(buffer.getvalue()) < 200_000
    refused(product, owner_prov, buffer.getvalue(), "terlalu besar")


def test_oversized_upload_is_refused(product, owner_prov):
    refused(product, owner_prov, image_bytes() + b"\x00" * (10 * 1024 * 1024), "10 MB")


def test_same_photo_twice_and_limit(product, owner_prov):
    add(product, owner_prov, image_bytes())
    with pytest.raises(ValidationError, match="sudah ada"):
        add(product, owner_prov, image_bytes())
    for index in range(1, MAX_PHOTOS):
        add(product, owner_prov, image_bytes(size=(64 + index, 48)))
    with pytest.raises(ValidationError, match="Paling banyak"):
        add(product, owner_prov, image_bytes(size=(10, 10)))
    assert product.photos.count() == MAX_PHOTOS


def test_stranger_cannot_add_photo(product, make_user):
    from django.core.exceptions import PermissionDenied

    from simpul.core.audit import Provenance

    stranger = Provenance(actor=make_user("asing@uji.id"))
    with pytest.raises(PermissionDenied):
        add(product, stranger, image_bytes())


def test_prefetched_photos_give_their_share_url_without_a_query(
    product, owner_prov, django_assert_num_queries
):
    from django.db.models import prefetch_related_objects

    from simpul.catalogue.models import Product
    from simpul.catalogue.selectors.public import photos_prefetch

    photo = add(product, owner_prov, image_bytes())
    item = Product.objects.get(pk=product.pk)
    prefetch_related_objects([item], photos_prefetch())
    with django_assert_num_queries(0):
        urls = [p.share_url for p in item.photos.all()]
    assert urls == [photo.share_url] and urls[0].endswith(".jpg")
