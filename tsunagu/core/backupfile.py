"""The encrypted backup file: authenticated encryption (AES-256-GCM, `cryptography`) in 1 MiB chunks.

    TSUNAGU-BACKUP 1\\n
    {"kdf": "scrypt" | "key-file", "salt": hex, "scrypt": {...}, "check": hex}\\n
    chunks: [4-byte length][ciphertext with its 16-byte tag] …

The file key is HKDF(master, salt): the master is scrypt(passphrase, salt) or the key file's bytes, so
each file has its own key even when the key file is the same. `check` (derived beside the key) tells a
wrong key from a damaged file. Each chunk's nonce is its number and a last-chunk flag, and the header is
its associated data (the STREAM construction): a chunk moved, a header edited or a file cut short after
any chunk is refused, so a restore never starts from a partial backup.
"""

from __future__ import annotations

import json
import os
import secrets
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"TSUNAGU-BACKUP 1\n"
CHUNK = 1 << 20
# scrypt at 2**15 × 8: 32 MiB and about 0.1 s per try, the usual interactive setting.
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
MIN_KEY_FILE_BYTES = 32
MAX_HEADER_BYTES = 4096


class BackupFileError(Exception):
    """A backup that cannot be read, told in one sentence."""


class WrongKey(BackupFileError):
    pass


class Truncated(BackupFileError):
    pass


@dataclass(frozen=True)
class Key:
    """What the operator holds: a passphrase or the bytes of a key file."""

    kind: str  # "scrypt" (a passphrase) or "key-file"
    secret: bytes

    @classmethod
    def passphrase(cls, text: str) -> Key:
        if len(text) < 12:
            raise BackupFileError("The backup passphrase is too short: use at least 12 characters.")
        return cls("scrypt", text.encode())

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> Key:
        try:
            secret = Path(path).read_bytes()
        except OSError as error:
            raise BackupFileError(f"The key file {path} cannot be read ({error.strerror}).") from error
        if len(secret.strip()) < MIN_KEY_FILE_BYTES:
            raise BackupFileError(
                f"The key file {path} is too short to be a key (make one with --new-key-file)."
            )
        return cls("key-file", secret.strip())


def new_key_file(path: str | os.PathLike) -> None:
    """A fresh random key (64 hex characters), readable by its owner only; never overwrites a file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")


def _derive(key: Key, header: dict) -> tuple[bytes, bytes]:
    salt = bytes.fromhex(header["salt"])
    if key.kind != header["kdf"]:
        kind = "a passphrase" if header["kdf"] == "scrypt" else "a key file"
        raise WrongKey(f"This backup was encrypted with {kind}: give that instead.")
    master = key.secret
    if key.kind == "scrypt":
        params = header["scrypt"]
        master = Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(master)
    derived = HKDF(algorithm=hashes.SHA256(), length=64, salt=salt, info=b"tsunagu backup 1").derive(master)
    return derived[:32], derived[32:]


def _nonce(index: int, last: bool) -> bytes:
    return struct.pack(">7xIB", index, 1 if last else 0)


def write(target: BinaryIO, source: BinaryIO, key: Key) -> None:
    """Encrypt everything `source` holds into `target`."""
    header = {"kdf": key.kind, "salt": secrets.token_bytes(16).hex()}
    if key.kind == "scrypt":
        header["scrypt"] = SCRYPT
    file_key, check = _derive(key, header)
    header["check"] = check.hex()
    header_bytes = MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n"
    target.write(header_bytes)
    cipher = AESGCM(file_key)
    index = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        sealed = cipher.encrypt(_nonce(index, last), chunk, header_bytes)
        target.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        chunk, index = following, index + 1


def _read_header(source: BinaryIO) -> tuple[dict, bytes]:
    magic = source.read(len(MAGIC))
    if len(magic) < len(MAGIC) and MAGIC.startswith(magic):
        raise Truncated(
            "The backup file is cut short (it ends before its header); copy it again from where it is kept."
        )
    if magic != MAGIC:
        raise BackupFileError("This file is not a Tsunagu backup.")
    line = source.readline(MAX_HEADER_BYTES)
    if not line.endswith(b"\n"):
        raise Truncated(
            "The backup file is cut short (it ends in its header); copy it again from where it is kept."
        )
    try:
        header = json.loads(line)
        bytes.fromhex(header["salt"]), bytes.fromhex(header["check"])
    except (ValueError, KeyError, TypeError) as error:
        raise BackupFileError("This backup's header is damaged; it cannot be read.") from error
    return header, magic + line


def read(source: BinaryIO, key: Key) -> Iterator[bytes]:
    """The plain bytes, chunk by chunk. Raises WrongKey, Truncated or BackupFileError: read it all
    before acting on any of it."""
    header, header_bytes = _read_header(source)
    file_key, check = _derive(key, header)
    if not secrets.compare_digest(check.hex(), header["check"]):
        raise WrongKey(
            "The backup cannot be opened with this key: the passphrase or key file is not the one it was made with."
        )
    cipher = AESGCM(file_key)
    index = 0
    while True:
        length_bytes = source.read(4)
        if len(length_bytes) < 4:
            raise Truncated(
                "The backup file is cut short (its last part is missing); copy it again from where it is kept."
            )
        (length,) = struct.unpack(">I", length_bytes)
        sealed = source.read(length)
        if len(sealed) < length:
            raise Truncated(
                "The backup file is cut short (its last part is missing); copy it again from where it is kept."
            )
        for last in (False, True):
            try:
                plain = cipher.decrypt(_nonce(index, last), sealed, header_bytes)
                break
            except InvalidTag:
                continue
        else:
            raise BackupFileError(
                "The backup file is damaged (a part does not match its seal); it cannot be restored."
            )
        yield plain
        if last:
            if source.read(1):
                raise BackupFileError("The backup file has data after its end; it cannot be trusted.")
            return
        index += 1
