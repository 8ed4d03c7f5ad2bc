"""The files themselves: a marketplace workbook from a layout, the Google Merchant Center
RSS feed and the Meta catalogue CSV.

Spreadsheet cells that come from product data are written as text cells (format "@",
so an SKU like 0012 or a long number stays as typed) and text a spreadsheet would run as
a formula gets a leading apostrophe (`export.neutralise`). Whole Rupiah stay integers.
The XML is built with ElementTree, which escapes every value."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from decimal import Decimal
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from simpul.exchange.export import neutralise

from .layouts import Column, Layout
from .listings import Cell, Listing, source_value

GOOGLE_NS = "http://base.google.com/ns/1.0"
GOOGLE_TITLE_MAX = 150
GOOGLE_DESCRIPTION_MAX = 5000
GOOGLE_EXTRA_IMAGES = 10
META_TITLE_MAX = 200
META_DESCRIPTION_MAX = 9999
META_EXTRA_IMAGES = 20
META_FIELDS = (
    "id",
    "title",
    "description",
    "availability",
    "condition",
    "price",
    "link",
    "image_link",
    "brand",
    "additional_image_link",
)


def clean_text(value: str, max_length: int | None = None) -> str:
    """No characters XML or XLSX cannot hold, cut to the marketplace's limit."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value[:max_length] if max_length else value


def _text_cell(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "@"
    return cell


def _cell(sheet: WriteOnlyWorksheet, column: Column, value: Cell) -> WriteOnlyCell | Cell:
    if value is None or value == "":
        return None
    if column.type == "int":
        return int(value)
    if column.type == "decimal":
        return Decimal(value)
    return _text_cell(sheet, neutralise(clean_text(str(value), column.max_length)))


def write_workbook(layout: Layout, items: Iterable[Listing], target: IO[bytes]) -> int:
    """The layout's header rows, then one row per product. Returns the product count."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(layout.sheet)
    for row in layout.header_cells():
        sheet.append([_text_cell(sheet, clean_text(v)) if v else None for v in row])
    count = 0
    for item in items:
        sheet.append([_cell(sheet, c, source_value(item, c.source)) for c in layout.columns])
        count += 1
    book.save(target)
    return count


def feed_ready(item: Listing) -> bool:
    """Google and Meta refuse an item without a price or a photo."""
    return item.price is not None and bool(item.photos)


def _sub(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _google_item(channel: ET.Element, item: Listing) -> None:
    product = item.product
    node = ET.SubElement(channel, "item")
    g = f"{{{GOOGLE_NS}}}"
    _sub(node, g + "id", product.public_key)
    _sub(node, "title", clean_text(product.name, GOOGLE_TITLE_MAX))
    _sub(node, "description", clean_text(item.description, GOOGLE_DESCRIPTION_MAX))
    _sub(node, "link", item.link)
    _sub(node, g + "image_link", item.photos[0])
    for url in item.photos[1 : 1 + GOOGLE_EXTRA_IMAGES]:
        _sub(node, g + "additional_image_link", url)
    _sub(node, g + "price", f"{item.price} IDR")
    _sub(node, g + "availability", "in_stock" if item.in_stock else "out_of_stock")
    _sub(node, g + "condition", "new")
    _sub(node, g + "brand", clean_text(item.brand, 70))
    # IKM products have no GTIN; saying so keeps Merchant Center from flagging each item.
    _sub(node, g + "identifier_exists", "no")
    if product.sku:
        _sub(node, g + "mpn", clean_text(product.sku, 70))


def write_google_feed(
    items: Iterable[Listing], target: IO[bytes], *, title: str, link: str, description: str
) -> int:
    """An RSS 2.0 feed in Merchant Center's `g:` namespace. Returns the item count."""
    ET.register_namespace("g", GOOGLE_NS)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _sub(channel, "title", clean_text(title))
    _sub(channel, "link", link)
    _sub(channel, "description", clean_text(description))
    count = 0
    for item in items:
        if feed_ready(item):
            _google_item(channel, item)
            count += 1
    ET.ElementTree(rss).write(target, encoding="utf-8", xml_declaration=True)
    return count


def _meta_row(item: Listing) -> dict[str, str]:
    product = item.product
    row = {
        "id": product.public_key,
        "title": clean_text(product.name, META_TITLE_MAX),
        "description": clean_text(item.description, META_DESCRIPTION_MAX),
        "availability": "in stock" if item.in_stock else "out of stock",
        "condition": "new",
        "price": f"{item.price} IDR",
        "link": item.link,
        "image_link": item.photos[0],
        "brand": clean_text(item.brand, 100),
        "additional_image_link": ",".join(item.photos[1 : 1 + META_EXTRA_IMAGES]),
    }
    return {key: neutralise(value) for key, value in row.items()}


def write_meta_csv(items: Iterable[Listing], target: IO[bytes]) -> int:
    """Meta (Facebook/Instagram) catalogue data feed, UTF-8 CSV. Returns the row count."""
    text = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=META_FIELDS)
    writer.writeheader()
    count = 0
    for item in items:
        if feed_ready(item):
            writer.writerow(_meta_row(item))
            count += 1
    text.detach()  # leave `target` open for the caller
    return count
