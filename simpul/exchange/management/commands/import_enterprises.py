"""`simpul import_enterprises FILE --office CODE`: the web import from the command line.

The same engine and the same service functions as the upload page (upload → mapping →
preview → commit), run in this process instead of the background worker, with a progress
bar in the terminal. Made for the big lists an office cannot upload through a browser."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from simpul.accounts.models import Office, User
from simpul.core.money import group_thousands
from simpul.exchange import services
from simpul.exchange.choices import BatchStatus, ErrorPolicy, RowAction
from simpul.exchange.mapping import FIELDS, shape_key
from simpul.exchange.models import ImportBatch, ImportedRecord, ImportMapping, ImportRow
from simpul.exchange.reading import MAX_ROWS, MAX_UPLOAD_BYTES, ReadError, check_size
from simpul.registry.choices import EnterpriseStatus
from simpul.registry.services.permissions import STAFF_WRITERS

SHOWN_ERRORS = 20
MB = 1024 * 1024


def _n(value: int) -> str:
    return group_thousands(value)


def _messages(exc: ValidationError) -> str:
    return " ".join(str(message) for message in exc.messages)


class Command(BaseCommand):
    help = (
        "Impor daftar IKM (CSV, XLSX, XLS, ODS) untuk satu kantor: pemetaan kolom, "
        "pemeriksaan setiap baris, lalu impor (semua atau tidak sama sekali)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("berkas .csv, .xlsx, .xls atau .ods"))
        parser.add_argument("--office", required=True, help=_("kode kantor, mis. dinas-18-71"))
        parser.add_argument(
            "--user",
            help=_("e-mail petugas yang tercatat sebagai pengimpor (bawaan: staf pertama kantor)"),
        )
        parser.add_argument("--mapping", help=_("nama pemetaan kolom tersimpan milik kantor"))
        parser.add_argument(
            "--new-status",
            choices=[EnterpriseStatus.DRAFT, EnterpriseStatus.VERIFIED],
            default=EnterpriseStatus.DRAFT,
            help=_("status IKM baru: draft (bawaan) atau verified"),
        )
        parser.add_argument(
            "--on-error",
            choices=ErrorPolicy.values,
            default=ErrorPolicy.SKIP,
            help=_("baris salah: skip = lewati (bawaan), stop = batalkan impor"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("hanya periksa; registri tidak diubah")
        )
        parser.add_argument(
            "--max-rows",
            type=int,
            default=MAX_ROWS,
            help=_("baris data paling banyak (bawaan %(n)s)") % {"n": _n(MAX_ROWS)},
        )
        parser.add_argument(
            "--max-mb",
            type=int,
            default=MAX_UPLOAD_BYTES // MB,
            help=_("ukuran berkas paling besar dalam MB (bawaan %(n)d)")
            % {"n": MAX_UPLOAD_BYTES // MB},
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.show_progress = options["verbosity"] >= 1
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("Berkas %(path)s tidak ada.") % {"path": path})
        office = self._office(options["office"])
        actor = self._actor(office, options["user"])
        self.stdout.write(
            _("Kantor: %(office)s (%(code)s); pengimpor: %(user)s")
            % {"office": office.name, "code": office.code, "user": actor.email}
        )
        saved = self._named_mapping(office, options["mapping"]) if options["mapping"] else None
        max_bytes = options["max_mb"] * MB
        data = self._read(path, max_bytes)
        batch = self._upload(actor, path.name, data, max_bytes, options["max_rows"])
        self._configure(batch, actor, saved, options["new_status"])
        batch = self._preview(batch, actor, data, options["max_rows"], max_bytes)
        del data  # the commit reads the preview's rows, not the file
        self._report_preview(batch)
        if options["dry_run"]:
            self.stdout.write(
                _("Uji coba (--dry-run): registri tidak diubah. Kunci batch: %(key)s")
                % {"key": batch.key}
            )
            return
        self._commit(batch, actor, options["on_error"])

    # --- who and what ----------------------------------------------------------------

    def _office(self, code: str) -> Office:
        office = Office.objects.filter(code=code).select_related("region").first()
        if office is None:
            raise CommandError(
                _("Kantor dengan kode “%(code)s” tidak ada. Lihat kode kantor di halaman admin.")
                % {"code": code}
            )
        return office

    def _actor(self, office: Office, email: str | None) -> User:
        if email:
            user = User.objects.filter(email__iexact=email.strip()).first()
            if user is None:
                raise CommandError(_("Pengguna %(email)s tidak ada.") % {"email": email})
            if user.office_id != office.pk or not services.can_manage(user):
                raise CommandError(
                    _(
                        "Pengguna %(email)s tidak dapat mengimpor untuk %(office)s: hanya "
                        "petugas atau admin aktif kantor itu yang dapat."
                    )
                    % {"email": user.email, "office": office.name}
                )
            return user
        staff = User.objects.filter(office=office, is_active=True, role__in=STAFF_WRITERS)
        user = staff.order_by("id").first()
        if user is None:
            raise CommandError(
                _(
                    "%(office)s belum punya petugas atau admin kantor yang aktif; buat dulu "
                    "akunnya, atau sebutkan --user."
                )
                % {"office": office.name}
            )
        return user

    def _read(self, path: Path, max_bytes: int) -> bytes:
        try:
            # Refuse an oversized file before reading it into memory.
            check_size(path.stat().st_size, max_bytes=max_bytes)
        except ReadError as exc:
            raise CommandError(exc.message) from None
        return path.read_bytes()

    def _upload(
        self, actor: User, name: str, data: bytes, max_bytes: int, max_rows: int
    ) -> ImportBatch:
        try:
            return services.batch_upload(
                actor=actor, file_name=name, data=data, max_bytes=max_bytes, max_rows=max_rows
            )
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from None

    def _configure(
        self,
        batch: ImportBatch,
        actor: User,
        saved: ImportMapping | None,
        new_status: str,
    ) -> None:
        self.stdout.write(
            _("Berkas: %(file)s (%(format)s, sheet “%(sheet)s”, judul kolom di baris %(row)d)")
            % {
                "file": batch.file_name,
                "format": batch.file_format.upper(),
                "sheet": batch.sheet,
                "row": batch.header_row,
            }
        )
        if saved is not None:
            mapping = {column: saved.mapping.get(column) for column in batch.columns}
            source = _("pemetaan tersimpan “%(name)s”") % {"name": saved.name}
            if saved.shape != shape_key(batch.columns):
                self.stdout.write(
                    _(
                        "Peringatan: pemetaan “%(name)s” dibuat untuk berkas dengan kolom "
                        "lain; kolom yang tidak ada di pemetaan itu tidak dipakai."
                    )
                    % {"name": saved.name}
                )
        else:
            mapping = batch.mapping
            saved = services.saved_mapping_for(batch)
            source = (
                _("pemetaan tersimpan “%(name)s” untuk bentuk berkas ini") % {"name": saved.name}
                if saved
                else _("saran otomatis dari judul kolom")
            )
        try:
            services.batch_configure(
                batch=batch, actor=actor, mapping=mapping, new_status=new_status
            )
        except ValidationError as exc:
            self._write_mapping(batch.columns, mapping, source)
            services.batch_discard(batch=batch, actor=actor)
            raise CommandError(_messages(exc)) from None
        self._write_mapping(batch.columns, batch.mapping, source)

    def _named_mapping(self, office: Office, name: str) -> ImportMapping:
        mappings = ImportMapping.objects.filter(office=office)
        found = mappings.filter(name=name).first() or mappings.filter(name__iexact=name).first()
        if found is not None:
            return found
        names = sorted(mappings.values_list("name", flat=True))
        if names:
            raise CommandError(
                _("Pemetaan “%(name)s” tidak ada di %(office)s. Pemetaan tersimpan: %(names)s.")
                % {"name": name, "office": office.name, "names": ", ".join(names)}
            )
        raise CommandError(
            _("Pemetaan “%(name)s” tidak ada: %(office)s belum menyimpan pemetaan kolom.")
            % {"name": name, "office": office.name}
        )

    def _write_mapping(self, columns: list[str], mapping: dict, source: str) -> None:
        self.stdout.write(_("Pemetaan kolom (%(source)s), kolom → isian:") % {"source": source})
        for column in columns:
            field = mapping.get(column)
            target = str(FIELDS[field]) if field in FIELDS else _("(tidak dipakai)")
            self.stdout.write(f"  {column} → {target}")

    # --- preview ---------------------------------------------------------------------

    def _bar(self, description: str, total: int | None = None) -> tqdm:
        return tqdm(
            total=total,
            desc=description,
            unit=" " + _("baris"),
            file=sys.stderr,
            disable=None if self.show_progress else True,  # None: only on a terminal
            dynamic_ncols=True,
        )

    def _preview(
        self, batch: ImportBatch, actor: User, data: bytes, max_rows: int, max_bytes: int
    ) -> ImportBatch:
        batch = services.batch_mark_previewing(batch=batch, actor=actor)
        with self._bar(_("Memeriksa")) as bar:
            batch = services.batch_preview_now(
                batch,
                data=data,
                max_rows=max_rows,
                max_bytes=max_bytes,
                on_progress=lambda done, _total: bar.update(done - bar.n),
            )
        if batch.status == BatchStatus.FAILED:
            raise CommandError(batch.message)
        return batch

    def _report_preview(self, batch: ImportBatch) -> None:
        self.stdout.write(
            _(
                "Hasil pemeriksaan: %(total)s baris — baru %(new)s, diperbarui %(update)s, "
                "tidak berubah %(unchanged)s, ganda %(duplicate)s, salah %(error)s; "
                "%(warning)s baris dengan peringatan."
            )
            % {
                "total": _n(batch.rows_total),
                "new": _n(batch.rows_new),
                "update": _n(batch.rows_update),
                "unchanged": _n(batch.rows_unchanged),
                "duplicate": _n(batch.rows_duplicate),
                "error": _n(batch.rows_error),
                "warning": _n(batch.rows_warning),
            }
        )
        if not batch.rows_error:
            return
        shown = min(SHOWN_ERRORS, batch.rows_error)
        self.stdout.write(_("Baris salah (%(n)d pertama):") % {"n": shown})
        errors = (
            ImportRow.objects.filter(batch=batch, action=RowAction.ERROR)
            .order_by("row_number")
            .values_list("row_number", "errors")[:SHOWN_ERRORS]
        )
        for number, messages in errors:
            self.stdout.write(
                _("  baris %(n)d: %(errors)s") % {"n": number, "errors": "; ".join(messages)}
            )
        if batch.rows_error > shown:
            self.stdout.write(
                _("  … dan %(n)s baris salah lainnya.") % {"n": _n(batch.rows_error - shown)}
            )

    # --- commit ----------------------------------------------------------------------

    def _commit(self, batch: ImportBatch, actor: User, error_policy: str) -> None:
        if not batch.rows_new + batch.rows_update:
            self.stdout.write(
                _(
                    "Tidak ada baris baru atau perubahan untuk diimpor; registri tidak diubah. "
                    "Kunci batch: %(key)s"
                )
                % {"key": batch.key}
            )
            return
        try:
            batch = services.batch_mark_committing(
                batch=batch, actor=actor, error_policy=error_policy
            )
        except (ValidationError, PermissionDenied) as exc:
            message = _messages(exc) if isinstance(exc, ValidationError) else str(exc)
            raise CommandError(
                _("%(message)s Registri tidak diubah. Kunci batch: %(key)s")
                % {"message": message, "key": batch.key}
            ) from None
        total = batch.rows_new + batch.rows_update
        with self._bar(_("Mengimpor"), total) as bar:
            try:
                batch = services.batch_commit_now(
                    batch, actor=actor, on_progress=lambda done, _total: bar.update(done - bar.n)
                )
            except Exception as exc:
                failed = ImportBatch.objects.filter(pk=batch.pk).values_list("message", flat=True)
                raise CommandError(failed.first() or str(exc)) from exc
        records = ImportedRecord.objects.filter(batch=batch)
        self.stdout.write(
            _(
                "Selesai: %(created)s IKM baru, %(updated)s IKM diperbarui, %(skipped)s baris "
                "dilewati. Kunci batch: %(key)s"
            )
            % {
                "created": _n(records.filter(action=RowAction.NEW).count()),
                "updated": _n(records.filter(action=RowAction.UPDATE).count()),
                "skipped": _n(batch.rows_total - total),
                "key": batch.key,
            }
        )
