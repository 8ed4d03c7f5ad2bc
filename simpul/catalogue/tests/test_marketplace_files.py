"""Marketplace workbooks and product feeds, parsed back and checked column by column
against the layout files and the products they came from."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from simpul.catalogue import services
from simpul.catalogue.marketplace import layouts
from simpul.catalogue.marketplace.files import FORMATS, build_file
from simpul.catalogue.marketplace.listings import listable
from simpul.catalogue.models import Product
from simpul.catalogue.tests.conftest import image_bytes

pytestmark = pytest.mark.django_db

HOST = "https://simpul.test"
G = "{http://base.google.com/ns/1.0}"
FORMULA = '=HYPERLINK("http://jahat.test","klik")'


def absolute(path: str) -> str:
    return path if path.startswith("http") else HOST + path


def make_product(enterprise, prov, *, photos: int = 0, publish: bool = True, **data) -> Product:
    """A product made through the services, with real photos of distinct colours."""
    data.setdefault("name", "Produk Uji")
    item = services.product_create(enterprise=enterprise, provenance=prov, data=data)
    for n in range(photos):
        upload = io.BytesIO(image_bytes(size=(64 + n, 48)))
        services.photo_add(product=item, provenance=prov, upload=upload)
    if publish:
        item = services.product_publish(product=item, provenance=prov, published=True)
    return item


@pytest.fixture
def catalogue(verified_enterprise, owner_prov):
    """A complete product with three photos and a leading-zero SKU, and a bare one whose
    name is a formula, with a price range and no stock."""
    full = make_product(
        verified_enterprise,
        owner_prov,
        photos=3,
        name="Keripik Pisang Coklat",
        description="Keripik pisang kepok, renyah.",
        price_min=15_000,
        sku="0012",
        weight_grams=250,
        stock=40,
        min_order=10,
    )
    bare = make_product(
        verified_enterprise, owner_prov, name=FORMULA, price_min=20_000, price_max=30_000, stock=0
    )
    return full, bare


def photo_urls(product: Product) -> list[str]:
    return [HOST + p.share_url for p in product.photos.order_by("position", "id")]


def expected_values(product: Product) -> dict[str, object]:
    """What each layout source must produce for `product`, computed independently."""
    values: dict[str, object] = {
        "name": product.name,
        "description": product.description,
        "sku": product.sku,
        "price": product.price_min,
        "stock": product.stock,
        "min_order": product.min_order,
        "weight_grams": product.weight_grams,
        "weight_kg": None if product.weight_grams is None else product.weight_grams / 1000,
    }
    urls = photo_urls(product)
    for n in range(1, layouts.MAX_PHOTO_NUMBER + 1):
        values[f"photo:{n}"] = urls[n - 1] if n <= len(urls) else None
    return values


def as_cell(column: layouts.Column, value: object) -> object:
    """The value as the workbook must hold it: blanks empty, text neutralised."""
    if value in (None, ""):
        return None
    if column.type == "text" and str(value).startswith("="):
        return "'" + str(value)
    return value


def parse_feed(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - our own output, written by ElementTree


def read_sheet(content: bytes, layout: layouts.Layout):
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == [layout.sheet]
    return book[layout.sheet]


@pytest.mark.parametrize("slug", layouts.LAYOUTS)
def test_workbook_matches_layout_column_by_column(slug, catalogue, verified_enterprise):
    layout = layouts.load_layout(slug)
    products = listable(Product.objects.filter(enterprise=verified_enterprise))
    built = build_file(FORMATS[slug], products, absolute=absolute, title="Kopi Tapis")
    assert built.count == 2 and built.filename.endswith(".xlsx")
    sheet = read_sheet(built.content, layout)
    rows = list(sheet.iter_rows())
    header = [[c.value or "" for c in row] for row in rows[: len(layout.header_rows)]]
    assert header == layout.header_cells()
    data = rows[len(layout.header_rows) :]
    assert len(data) == 2
    for product, row in zip(sorted(catalogue, key=lambda p: p.pk), data, strict=True):
        product.refresh_from_db()
        expected = expected_values(product)
        assert len(row) == len(layout.columns)
        for column, cell in zip(layout.columns, row, strict=True):
            if column.source.startswith("const:"):
                want = column.source.removeprefix("const:")
            else:
                want = as_cell(column, expected.get(column.source))
            if column.type == "decimal" and want is not None:
                assert cell.value == pytest.approx(want), column.header
            else:
                assert cell.value == want, (column.header, cell.value, want)
            if column.type == "text" and cell.value is not None:
                assert cell.data_type == "s" and cell.number_format == "@", column.header
            if column.type == "int" and cell.value is not None:
                assert type(cell.value) is int, column.header  # whole numbers, never 15000.0


def test_shopee_cells_that_matter(catalogue, verified_enterprise):
    layout = layouts.load_layout("shopee")
    products = listable(Product.objects.filter(pk=catalogue[0].pk))
    built = build_file(FORMATS["shopee"], products, absolute=absolute, title="Kopi Tapis")
    sheet = read_sheet(built.content, layout)
    names = [c.header for c in layout.columns]
    row = next(sheet.iter_rows(min_row=layout.first_data_row, values_only=True))
    cell = dict(zip(names, row, strict=True))
    assert layout.first_data_row == 7  # six header and instruction rows above the data
    assert cell["Harga"] == 15_000 and isinstance(cell["Harga"], int)
    assert cell["SKU Induk"] == "0012"  # text: the leading zeros survive
    assert cell["Berat"] == Decimal("0.25")
    assert cell["Foto Sampul"].startswith(HOST + "/") and cell["Foto Sampul"].endswith(".jpg")
    assert cell["Foto Produk 1"] and cell["Foto Produk 2"] and cell["Foto Produk 3"] is None
    assert cell["Kategori"] is None  # the seller picks Shopee's category


def test_formula_in_name_is_neutralised(catalogue, verified_enterprise):
    layout = layouts.load_layout("tokopedia")
    products = listable(Product.objects.filter(pk=catalogue[1].pk))
    built = build_file(FORMATS["tokopedia"], products, absolute=absolute, title="x")
    sheet = read_sheet(built.content, layout)
    name = sheet.cell(row=layout.first_data_row, column=2)
    assert name.value == "'" + FORMULA and name.data_type == "s"
    with zipfile.ZipFile(io.BytesIO(built.content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "HYPERLINK" in sheet_xml and "<f>" not in sheet_xml  # text, never a formula


def test_text_is_cut_to_the_layout_limit(verified_enterprise, owner_prov):
    make_product(verified_enterprise, owner_prov, name="Tapis " * 20, price_min=1)
    layout = layouts.load_layout("tokopedia")
    products = listable(Product.objects.filter(enterprise=verified_enterprise))
    built = build_file(FORMATS["tokopedia"], products, absolute=absolute, title="x")
    name = read_sheet(built.content, layout).cell(row=layout.first_data_row, column=2).value
    assert len(name) == 70 and name.startswith("Tapis Tapis")


def test_google_feed(catalogue, verified_enterprise):
    full, bare = catalogue
    products = listable(Product.objects.filter(enterprise=verified_enterprise))
    built = build_file(FORMATS["google"], products, absolute=absolute, title="Kopi & Tapis")
    assert built.content.startswith(b"<?xml")
    root = parse_feed(built.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert b'xmlns:g="http://base.google.com/ns/1.0"' in built.content
    channel = root.find("channel")
    assert channel.findtext("title") == "Kopi & Tapis"  # escaped in the file, whole when parsed
    items = channel.findall("item")
    assert len(items) == built.count == 1  # the photo-less product cannot be a feed item
    item = items[0]
    for tag in ("id", "image_link", "price", "availability", "condition", "brand"):
        assert item.findtext(G + tag), tag
    for tag in ("title", "description", "link"):
        assert item.findtext(tag), tag
    assert item.findtext(G + "id") == full.public_key
    assert item.findtext("title") == full.name
    assert item.findtext("link") == f"{HOST}/produk/{full.public_key}/{full.slug}/"
    assert re.fullmatch(r"\d+ IDR", item.findtext(G + "price"))
    assert item.findtext(G + "price") == "15000 IDR"
    assert item.findtext(G + "availability") == "in_stock"
    assert item.findtext(G + "condition") == "new"
    assert item.findtext(G + "brand") == verified_enterprise.name
    assert item.findtext(G + "identifier_exists") == "no"
    assert item.findtext(G + "mpn") == "0012"
    urls = photo_urls(full)
    assert item.findtext(G + "image_link") == urls[0]
    assert [e.text for e in item.findall(G + "additional_image_link")] == urls[1:]


def test_google_feed_availability_and_no_mpn(verified_enterprise, owner_prov):
    make_product(verified_enterprise, owner_prov, photos=1, price_min=5_000, stock=0)
    products = listable(Product.objects.filter(enterprise=verified_enterprise))
    built = build_file(FORMATS["google"], products, absolute=absolute, title="x")
    item = parse_feed(built.content).find("channel/item")
    assert item.findtext(G + "availability") == "out_of_stock"
    assert item.find(G + "mpn") is None  # no SKU, no MPN
    assert item.findtext("description") == "Produk Uji"  # Google needs one: the name


def test_meta_csv(catalogue, verified_enterprise):
    full, _ = catalogue
    products = listable(Product.objects.filter(enterprise=verified_enterprise))
    built = build_file(FORMATS["meta"], products, absolute=absolute, title="x")
    reader = csv.DictReader(io.StringIO(built.content.decode("utf-8")))
    required = {"id", "title", "description", "availability", "condition", "price", "link"}
    assert required | {"image_link", "brand", "additional_image_link"} <= set(reader.fieldnames)
    rows = list(reader)
    assert len(rows) == built.count == 1
    row = rows[0]
    urls = photo_urls(full)
    assert row["id"] == full.public_key and row["title"] == full.name
    assert row["availability"] == "in stock" and row["condition"] == "new"
    assert row["price"] == "15000 IDR"
    assert row["image_link"] == urls[0]
    assert row["additional_image_link"].split(",") == urls[1:]
    assert row["brand"] == verified_enterprise.name
    assert row["link"] == f"{HOST}/produk/{full.public_key}/{full.slug}/"


def test_feeds_take_only_public_products(complete_enterprise, owner_prov):
    """Published but the enterprise is not verified: fine for a workbook, not a feed."""
    make_product(complete_enterprise, owner_prov, photos=1, price_min=9_000)
    products = listable(Product.objects.filter(enterprise=complete_enterprise))
    assert build_file(FORMATS["shopee"], products, absolute=absolute, title="x").count == 1
    assert build_file(FORMATS["google"], products, absolute=absolute, title="x").count == 0
    assert build_file(FORMATS["meta"], products, absolute=absolute, title="x").count == 0


def test_hidden_and_unpublished_are_not_listable(catalogue, verified_enterprise, officer):
    from simpul.core.audit import Provenance

    full, bare = catalogue
    draft = make_product(verified_enterprise, Provenance(actor=officer), publish=False)
    services.product_hide(product=bare, provenance=Provenance(actor=officer), reason="Foto salah")
    ids = set(listable(Product.objects.all()).values_list("pk", flat=True))
    assert ids == {full.pk} and draft.pk not in ids


def test_layout_errors_name_the_line():
    good = "# sheet: S\n# header_rows: header\nheader,required,type,max_length,source\n"
    assert layouts.parse_layout("x", good + "Nama,yes,text,10,name\n").columns[0].max_length == 10
    for bad_row, words in [
        ("Nama,ya,text,,name", "required"),
        ("Nama,yes,money,,name", "type"),
        ("Nama,yes,text,,harga", "unknown source"),
        ("Nama,yes,text,,photo:12", "unknown source"),
        ("Nama,yes,text,abc,name", "max_length"),
    ]:
        with pytest.raises(layouts.LayoutError, match=words):
            layouts.parse_layout("x", good + bad_row + "\n")
    with pytest.raises(layouts.LayoutError, match="unknown rows"):
        layouts.parse_layout("x", good.replace("header_rows: header", "header_rows: nope"))


def test_shipped_layouts_record_their_source_and_date():
    for slug in layouts.LAYOUTS:
        layout = layouts.load_layout(slug)
        assert layout.settings["source"] and layout.settings["checked"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", layout.settings["checked"][0])
        assert any(c.required for c in layout.columns)


def test_parse_ids_keeps_numbers_only_and_is_bounded():
    from simpul.catalogue.marketplace.listings import MAX_PRODUCTS, parse_ids

    assert parse_ids(["12", " 7 ", "-3", "abc", "1e3", "9" * 25, ""]) == {12, 7}
    forged = [str(n) for n in range(1, 3 * MAX_PRODUCTS)]
    assert len(parse_ids(forged)) == MAX_PRODUCTS
