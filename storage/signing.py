"""The center's Ed25519 key: made at init, signs the archive files it sends to the station."""

from __future__ import annotations

import base64
import hashlib

# cryptography is imported where a key is used: reading fingerprints (overview, reports) must not pay for it.


def new_keypair() -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return private, public


def sign(private: bytes, message: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private).sign(message)


def verify(public: bytes, message: bytes, signature: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def fingerprint(public: bytes) -> str:
    """Short, readable over the phone: SHA-256 of the key, 16 hex digits in groups of 4."""
    digest = hashlib.sha256(public).hexdigest()[:16].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def full_fingerprint(public: bytes) -> str:
    """The whole SHA-256 of the key, 64 hex digits in 16 groups of 4; it begins with ``fingerprint``."""
    digest = hashlib.sha256(public).hexdigest().upper()
    return " ".join(digest[i:i + 4] for i in range(0, 64, 4))


def encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
