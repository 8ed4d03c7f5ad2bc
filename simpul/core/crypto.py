"""Encryption and blind index for personal identifiers (NIK).

The ciphertext (Fernet: AES-128-CBC + HMAC) keeps the value readable for those allowed to
see it; the keyed hash lets us find duplicates and do exact lookups without decrypting
every row. Both keys derive from FIELD_ENCRYPTION_KEY with distinct labels, so knowing the
hash key reveals nothing about the encryption key."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings


def _derive(label: bytes) -> bytes:
    secret = settings.FIELD_ENCRYPTION_KEY.encode()
    return hmac.new(secret, label, hashlib.sha256).digest()


@lru_cache(maxsize=4)
def _fernet(secret_fingerprint: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(b"simpul:field-encryption:v1")))


def _current_fernet() -> Fernet:
    fingerprint = hashlib.sha256(settings.FIELD_ENCRYPTION_KEY.encode()).hexdigest()
    return _fernet(fingerprint)


def encrypt(value: str) -> str:
    return _current_fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _current_fernet().decrypt(token.encode()).decode()


def blind_index(value: str) -> str:
    return hmac.new(_derive(b"simpul:blind-index:v1"), value.encode(), hashlib.sha256).hexdigest()


def mask_nik(nik: str) -> str:
    """`1871**********01`: enough to recognise a record, not enough to misuse it."""
    if len(nik) < 6:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 6) + nik[-2:]
