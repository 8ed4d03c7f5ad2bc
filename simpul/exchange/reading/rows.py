"""Turn a workbook sheet or a CSV text into rows of strings, as a person sees them."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable, Iterator

import python_calamine as calamine
from django.utils.translation import gettext as _

from .detect import HEAD_BYTES, password_error, text_encoding
from .errors import MAX_ROWS, ReadError, count

CSV_DELIMITERS = ",;\t"
# Excel keeps 15 significant digits; an integer past that has already lost digits
# (a 16-digit NIK typed as a number), so it is shown the way Excel shows it.
EXACT_INTEGER_LIMIT = 10**15


def list_sheets(data: bytes, fmt: str) -> list[str]:
    """Names of the sheets, in workbook order (a CSV has one, named ``"CSV"``)."""
    if fmt == "csv":
        return ["CSV"]
    return list(_open_workbook(data).sheet_names)


def read_rows(
    data: bytes, fmt: str, *, sheet: str | None = None, max_rows: int = MAX_ROWS
) -> list[list[str]]:
    """All rows of one sheet (the first by default) as strings; blank rows are kept so
    that ``index + 1`` is the row number shown in Excel, trailing blanks are trimmed."""
    return _collect(iter_rows(data, fmt, sheet=sheet), max_rows)


def iter_rows(data: bytes, fmt: str, *, sheet: str | None = None) -> Iterator[list[str]]:
    """The raw rows of one sheet, one at a time, untrimmed."""
    return _csv_rows(data) if fmt == "csv" else _sheet_rows(data, sheet)


def too_many_rows(limit: int) -> ReadError:
    return ReadError(
        _(
            "Berkas berisi lebih dari %(limit)s baris; batasnya %(limit)s baris per "
            "unggahan. Bagi data menjadi beberapa berkas lalu unggah satu per satu."
        )
        % {"limit": count(limit)}
    )


def _collect(raw: Iterable[list[str]], max_rows: int) -> list[list[str]]:
    rows: list[list[str]] = []
    pending_blank = 0  # blank rows are only kept when a filled row follows them
    filled = 0
    for row in raw:
        cells = trim(row)
        if not cells:
            pending_blank += 1
            continue
        filled += 1
        if filled > max_rows:
            raise too_many_rows(max_rows)
        rows.extend([] for _ in range(pending_blank))
        pending_blank = 0
        rows.append(cells)
    return rows


def trim(row: list[str]) -> list[str]:
    """Strip each cell and drop empty cells at the end of the row."""
    cells = [cell.strip() for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _open_workbook(data: bytes) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError:
        raise password_error() from None
    except calamine.CalamineError as exc:
        raise ReadError(
            _(
                "Lembar kerja tidak dapat dibaca (%(detail)s); simpan ulang dari Excel "
                "lalu unggah lagi."
            )
            % {"detail": exc}
        ) from None


def _sheet_rows(data: bytes, name: str | None) -> Iterator[list[str]]:
    workbook = _open_workbook(data)
    names = list(workbook.sheet_names)
    if not names:
        raise ReadError(_("Lembar kerja ini tidak berisi satu sheet pun."))
    if name is None:
        name = names[0]
    elif name not in names:
        raise ReadError(
            _("Sheet «%(name)s» tidak ada; pilih salah satu: %(names)s.")
            % {"name": name, "names": ", ".join(names)}
        )
    try:
        sheet = workbook.get_sheet_by_name(name)
        # Rows come from the top of the sheet, but columns start at the first used
        # column; pad them so column positions match the sheet.
        left = sheet.start[1] if sheet.start else 0
        for row in sheet.iter_rows():
            yield [""] * left + [cell_text(value) for value in row]
    except calamine.PasswordError:
        raise password_error() from None
    except calamine.CalamineError as exc:
        raise ReadError(
            _("Sheet «%(name)s» tidak dapat dibaca (%(detail)s).") % {"name": name, "detail": exc}
        ) from None


def cell_text(value: object) -> str:
    """A cell value as the text a person sees in the sheet (General number format)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _float_text(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return ""
    if value.is_integer():
        if abs(value) < EXACT_INTEGER_LIMIT:
            return str(int(value))
        # Like Excel's General format: "1.87101E+15" tells the values module the
        # digits are gone, where "1871010000000000" would pass for a real NIK.
        return f"{value:.5E}".replace("E+0", "E+").replace("E-0", "E-")
    return f"{value:.15g}"


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    encoding = text_encoding(data)
    if encoding is None:
        raise ReadError(_("Isi berkas CSV tidak dapat dibaca sebagai teks."))
    head = codecs.getincrementaldecoder(encoding)().decode(data[:HEAD_BYTES])
    delimiter = sniff_delimiter(head)
    # Decoded while it is read: a big CSV is never held as one string, nor in a StringIO
    # (four bytes per character: a 200 MB file would take 800 MB).
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:
        raise ReadError(
            _("CSV rusak di baris %(line)s: %(detail)s.") % {"line": reader.line_num, "detail": exc}
        ) from None


def sniff_delimiter(text: str) -> str:
    """Pick comma, semicolon or tab: csv.Sniffer on a sample, checked by counting."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    lines = [line for line in sample.splitlines() if line.strip()][:50]
    if not lines:
        return ","
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    # The Sniffer sometimes settles on a character from free text; trust it only if
    # the widest line (usually the header) contains it.
    widest = max(lines, key=lambda line: sum(line.count(d) for d in CSV_DELIMITERS))
    if sniffed and sniffed in widest:
        return sniffed
    return _count_delimiter(lines)


def _count_delimiter(lines: list[str]) -> str:
    # The delimiter is the character that splits most lines into the same number of
    # fields; the most common count per delimiter measures that.
    best, best_score = ",", 0
    for delimiter in CSV_DELIMITERS:
        counts = Counter(line.count(delimiter) for line in lines)
        fields, lines_with = counts.most_common(1)[0]
        score = fields * lines_with if fields else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best
