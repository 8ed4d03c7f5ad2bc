import pytest

from simpul.core.audit import Provenance, history_for
from simpul.core.history import describe
from simpul.registry import services

pytestmark = pytest.mark.django_db


def test_history_reads_as_labels_and_display_values(complete_enterprise, officer, regions, client):
    services.enterprise_update(
        enterprise=complete_enterprise,
        provenance=Provenance(actor=officer),
        data={
            "legal_form": "cv",
            "investment_value": 2_500_000_000,
            "publish_contact": True,
            "village": regions["18.71.01.1001"],
            "year_started": 2018,
        },
    )
    record = history_for(complete_enterprise).filter(action="updated").first()
    lines = {line.label: (line.before, line.after) for line in describe(record)}
    assert lines["Bentuk usaha"] == ("UD", "CV")
    assert lines["Nilai investasi"] == ("Rp150.000.000", "Rp2.500.000.000")
    assert lines["Tampilkan kontak di profil publik"] == ("Tidak", "Ya")
    assert lines["Tahun mulai usaha"] == ("–", "2018")
    client.force_login(officer, backend="simpul.accounts.backends.EmailOrPhoneBackend")
    page = client.get(f"/ikm/{complete_enterprise.pk}/riwayat/").content.decode()
    assert "Diubah" in page and "Rp2.500.000.000" in page and "Gotong Royong" in page
    assert "investment_value" not in page and "nik_hash" not in page


def test_history_of_an_application_reads_its_own_words(officer):
    """An application's audit names a reverse relation ("documents") and uses action
    words the registry also uses; both read correctly."""
    from simpul.core.history import action_label
    from simpul.core.models import ChangeRecord

    record = ChangeRecord(
        entity="programmes.application",
        entity_id="1",
        action="submitted",
        changes={"status": [None, "eligible"], "documents": [0, 2]},
    )
    lines = {line.label: (line.before, line.after) for line in describe(record)}
    assert lines["Status"] == ("–", "Memenuhi syarat")
    assert lines["Dokumen"] == ("0", "2")
    assert action_label("submitted", "programmes.application") == "Pendaftaran program dikirim"
    assert action_label("submitted", "registry.enterprise") == "Diajukan untuk verifikasi"
    assert action_label("review_submitted") == "Penilaian panel dikirim"
