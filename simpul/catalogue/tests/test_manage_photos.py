"""Photo upload through the edit page's form: real images from Pillow, several at once,
each refused file named with its Indonesian reason, and the 10 MB limit applied while
the request is read."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from simpul.catalogue.models import MAX_PHOTOS, ProductPhoto
from simpul.catalogue.tests.conftest import flash_messages, image_bytes

pytestmark = pytest.mark.django_db

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)


def _upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _post(client, product, *files):
    return client.post(
        reverse("products:photo_add", args=[product.pk]), {"photos": list(files)}, follow=True
    )


def test_jpeg_and_png_added_and_shown(owner_client, product):
    response = _post(
        owner_client,
        product,
        _upload("kamera.jpg", image_bytes("JPEG", (800, 600), exif=True)),
        _upload("galeri.png", image_bytes("PNG", (300, 300)), "image/png"),
    )
    assert "2 foto ditambahkan." in flash_messages(response)
    photos = list(product.photos.all())
    assert len(photos) == 2
    assert all(p.image.name.endswith(".webp") for p in photos)
    html = response.content.decode()
    assert photos[0].thumbnail.url in html
    assert "(2/8)" in html


def test_svg_refused_with_message_and_others_kept(owner_client, product):
    response = _post(
        owner_client,
        product,
        _upload("logo.svg", SVG, "image/svg+xml"),
        _upload("foto.jpg", image_bytes()),
    )
    assert "logo.svg: Berkas ini bukan foto JPEG, PNG, atau WebP." in flash_messages(response)
    assert "1 foto ditambahkan." in flash_messages(response)
    assert product.photos.count() == 1


def test_eleven_megabytes_refused_while_reading(owner_client, product, monkeypatch):
    from simpul.catalogue import services

    handed_over = []
    monkeypatch.setattr(services, "photo_add", lambda **kw: handed_over.append(kw))
    big = image_bytes() + b"\0" * (11 * 1024 * 1024)
    response = _post(owner_client, product, _upload("besar.jpg", big))
    assert "besar.jpg: Foto terlalu besar: paling besar 10 MB." in flash_messages(response)
    assert handed_over == []  # skipped by the upload handler, never given to the service
    assert not product.photos.exists()


def test_request_over_the_total_limit_refused_unread(owner_client, product):
    from simpul.catalogue.views.manage import MAX_REQUEST_BYTES

    response = owner_client.post(
        reverse("products:photo_add", args=[product.pk]),
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(MAX_REQUEST_BYTES + 1),
        follow=True,
    )
    assert "Unggahan terlalu besar; kirim paling banyak 8 foto." in flash_messages(response)
    assert not product.photos.exists()


def test_no_file_chosen_is_a_form_error(owner_client, product):
    response = owner_client.post(reverse("products:photo_add", args=[product.pk]), {})
    assert response.status_code == 400
    assert "Pilih sedikitnya satu foto." in response.content.decode()


def test_ninth_photo_refused(owner_client, product):
    files = [_upload(f"f{i}.jpg", image_bytes("JPEG", (40 + i, 40))) for i in range(MAX_PHOTOS + 1)]
    response = _post(owner_client, product, *files[:MAX_PHOTOS])
    assert product.photos.count() == MAX_PHOTOS
    assert "Unggah foto" not in response.content.decode()  # the form is gone when full
    response = _post(owner_client, product, files[-1])
    assert "f8.jpg: Paling banyak 8 foto per produk." in flash_messages(response)
    assert product.photos.count() == MAX_PHOTOS


def test_photo_removed(owner_client, product):
    _post(owner_client, product, _upload("a.jpg", image_bytes()))
    photo = product.photos.get()
    url = reverse("products:photo_remove", args=[product.pk, photo.pk])
    assert owner_client.post(url).status_code == 302
    assert not ProductPhoto.objects.filter(pk=photo.pk).exists()


def test_other_owner_cannot_upload(client, make_user, product):
    client.force_login(make_user("orang.lain@uji.id"))
    response = client.post(
        reverse("products:photo_add", args=[product.pk]),
        {"photos": [_upload("a.jpg", image_bytes())]},
    )
    assert response.status_code == 404
    assert not product.photos.exists()
