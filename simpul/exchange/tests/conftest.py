"""Fixtures of the import tests."""

from __future__ import annotations

import pytest

from simpul.exchange import services


@pytest.fixture
def previewed(officer, kbli, django_capture_on_commit_callbacks):
    def run(data: bytes, name: str = "ikm.csv", **configure):
        batch = services.batch_upload(actor=officer, file_name=name, data=data)
        services.batch_configure(batch=batch, actor=officer, mapping=batch.mapping, **configure)
        with django_capture_on_commit_callbacks(execute=True):
            services.batch_start_preview(batch=batch, actor=officer)
        batch.refresh_from_db()
        return batch

    return run
