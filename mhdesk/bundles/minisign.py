"""minisign keys and signatures in the standard file formats (Ed25519, prehashed ``ED``).

Public key file::

    untrusted comment: <text>
    base64("Ed" + key_id(8 bytes) + public_key(32 bytes))

Signature file::

    untrusted comment: <text>
    base64("ED" + key_id(8) + Ed25519(BLAKE2b-512(message))(64))
    trusted comment: <text>
    base64(Ed25519(signature(64) + trusted_comment_bytes))

The key id is printed as minisign prints it: the 8 bytes read as a little-endian integer,
16 uppercase hex digits. Only the prehashed algorithm is accepted for signatures: it is
minisign's default and the one ``security.md`` prescribes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from mhdesk.errors import MhdeskError

PK_ALG = b"Ed"
SIG_ALG_PREHASHED = b"ED"
SIG_ALG_LEGACY = b"Ed"
UNTRUSTED = "untrusted comment: "
TRUSTED = "trusted comment: "
MAX_COMMENT = 1024


class SignatureError(MhdeskError):
    """A minisign key or signature that is malformed or does not verify."""


def key_id_hex(key_id: bytes) -> str:
    return f"{int.from_bytes(key_id, 'little'):016X}"


def key_id_bytes(key_id: str) -> bytes:
    """The 8 key-id bytes from its hex form; minisign itself prints it without leading zeros."""
    text = key_id.strip().upper()
    if not 1 <= len(text) <= 16 or any(c not in "0123456789ABCDEF" for c in text):
        raise MhdeskError(f"'{key_id}' is not a minisign key id",
                          hint="A key id is 16 hexadecimal digits, as `mhdesk keys show` or minisign prints it.")
    return int(text, 16).to_bytes(8, "little")


@dataclass(frozen=True, slots=True)
class PublicKey:
    key_id: bytes  # 8 bytes as stored in the files
    public: bytes  # 32-byte Ed25519 public key

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self.key_id)

    @property
    def blob(self) -> bytes:
        return PK_ALG + self.key_id + self.public

    @property
    def base64(self) -> str:
        return base64.b64encode(self.blob).decode("ascii")

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the public key blob, first 16 bytes in groups of four hex digits: to read out by phone."""
        digest = hashlib.sha256(self.blob).hexdigest().upper()[:32]
        return " ".join(digest[i:i + 4] for i in range(0, 32, 4))

    def to_file_text(self, comment: str | None = None) -> str:
        comment = comment or f"minisign public key {self.key_id_hex}"
        return f"{UNTRUSTED}{_one_line(comment)}\n{self.base64}\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:MAX_COMMENT]


def _b64(line: str, what: str, kind: str) -> bytes:
    try:
        return base64.b64decode(line.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError(f"{what} is not a minisign {kind}: a line that should be base64 is not") from None


def parse_public_key(text: str, source: str = "public key") -> PublicKey:
    """Read a minisign public key file (or the bare base64 line)."""
    lines = [ln for ln in text.replace("\r\n", "\n").split("\n") if ln.strip()]
    if lines and lines[0].startswith(UNTRUSTED):
        lines = lines[1:]
    if len(lines) != 1:
        raise SignatureError(f"{source} is not a minisign public key file",
                             hint="Expected two lines: 'untrusted comment: …' and the key in base64 (as `minisign -G` "
                                  "or `mhdesk keys export-public` writes it).")
    blob = _b64(lines[0], source, "public key")
    if len(blob) != 42 or blob[:2] != PK_ALG:
        raise SignatureError(f"{source} is not an Ed25519 minisign public key ({len(blob)} bytes)")
    return PublicKey(blob[2:10], blob[10:42])


def public_key_from_seed(seed: bytes, key_id: bytes) -> PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    sk = Ed25519PrivateKey.from_private_bytes(seed)
    return PublicKey(key_id, sk.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


@dataclass(frozen=True, slots=True)
class Signature:
    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes
    untrusted_comment: str = ""

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self.key_id)


def sign(message: bytes, seed: bytes, key_id: bytes, *, trusted_comment: str,
         untrusted_comment: str = "signature from mhdesk secret key") -> str:
    """A minisign signature file (prehashed) over ``message``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    trusted_comment = _one_line(trusted_comment)
    sk = Ed25519PrivateKey.from_private_bytes(seed)
    sig = sk.sign(hashlib.blake2b(message).digest())
    global_sig = sk.sign(sig + trusted_comment.encode("utf-8"))
    line1 = base64.b64encode(SIG_ALG_PREHASHED + key_id + sig).decode("ascii")
    line2 = base64.b64encode(global_sig).decode("ascii")
    return f"{UNTRUSTED}{_one_line(untrusted_comment)}\n{line1}\n{TRUSTED}{trusted_comment}\n{line2}\n"


def parse_signature(text: bytes | str, source: str = "signature") -> Signature:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise SignatureError(f"{source} is not a minisign signature (not UTF-8 text)") from None
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    if len(lines) != 4 or not lines[0].startswith(UNTRUSTED) or not lines[2].startswith(TRUSTED):
        raise SignatureError(f"{source} is not a minisign signature file (expected 4 lines: untrusted comment, "
                             "signature, trusted comment, global signature)")
    blob = _b64(lines[1], source, "signature")
    if len(blob) != 74:
        raise SignatureError(f"{source}: the signature line has {len(blob)} bytes instead of 74")
    alg = blob[:2]
    if alg == SIG_ALG_LEGACY:
        raise SignatureError(f"{source}: legacy (non-prehashed) minisign signatures are not accepted",
                             hint="Sign with minisign 0.10 or later without -l, or with mhdesk.")
    if alg != SIG_ALG_PREHASHED:
        raise SignatureError(f"{source}: unknown signature algorithm")
    global_sig = _b64(lines[3], source, "signature")
    if len(global_sig) != 64:
        raise SignatureError(f"{source}: the global signature has {len(global_sig)} bytes instead of 64")
    return Signature(alg, blob[2:10], blob[10:74], lines[2][len(TRUSTED):], global_sig, lines[0][len(UNTRUSTED):])


def verify(message: bytes, sig: Signature, key: PublicKey, source: str = "signature") -> None:
    """Raise ``SignatureError`` unless ``sig`` by ``key`` covers exactly ``message`` and its trusted comment."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if sig.key_id != key.key_id:
        raise SignatureError(f"{source} was made by key {sig.key_id_hex}, not by {key.key_id_hex}")
    pk = Ed25519PublicKey.from_public_bytes(key.public)
    try:
        pk.verify(sig.signature, hashlib.blake2b(message).digest())
    except InvalidSignature:
        raise SignatureError(f"{source} does not match the signed content: it was changed after signing "
                             "or signed by another key") from None
    try:
        pk.verify(sig.global_signature, sig.signature + sig.trusted_comment.encode("utf-8"))
    except InvalidSignature:
        raise SignatureError(f"{source}: the trusted comment was changed after signing") from None
