"""Signed tree heads: Ed25519 over the canonical JSON of (tree size, root hash, time).

Production reads the private key from ``RECORD_SIGNING_KEY`` (32 bytes in base64, made by
``manage.py record_keygen``). Development and the tests (``RECORD_DEVELOPMENT_KEY = True`` in
their settings) derive one from SECRET_KEY when none is set: stable across runs, never valid
in production, whose settings leave the flag off.
"""

import base64
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registro import log, tree
from registro.models import TreeHead
from registro.verificador import canonical_json, tree_head_message


def generate_key():
    """A new private key, as RECORD_SIGNING_KEY expects it."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return base64.b64encode(raw).decode()


def private_key():
    configured = getattr(settings, "RECORD_SIGNING_KEY", "").strip()
    if configured:
        try:
            raw = base64.b64decode(configured, validate=True)
            return Ed25519PrivateKey.from_private_bytes(raw)
        except ValueError as error:
            raise ImproperlyConfigured(
                "RECORD_SIGNING_KEY must be 32 bytes in base64 (manage.py record_keygen)."
            ) from error
    if getattr(settings, "RECORD_DEVELOPMENT_KEY", False):
        seed = hashlib.sha256(b"registro-development-key:" + settings.SECRET_KEY.encode())
        return Ed25519PrivateKey.from_private_bytes(seed.digest())
    raise ImproperlyConfigured(
        "RECORD_SIGNING_KEY is not set: the public record cannot sign its tree heads."
    )


def can_sign():
    """Whether a signing key is available (configured, or the development one)."""
    try:
        private_key()
    except ImproperlyConfigured:
        return False
    return True


def public_key_pem(key=None):
    key = key or private_key()
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_id(key=None):
    """The SHA-256 of the public key's DER encoding, as in RFC 9162's log id."""
    key = key or private_key()
    der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


def latest_head():
    return TreeHead.objects.order_by("-pk").first()


def sign_tree_head(force=False):
    """Sign the current tree (unless it has not grown since the last head and not ``force``).
    Returns ``(head, created)``."""
    key = private_key()
    with transaction.atomic():
        log._lock()  # no entry is appended between reading the size and the root
        size = tree.size()
        last = latest_head()
        if last is not None and last.tree_size == size and not force:
            return last, False
        head = {
            "tree_size": size,
            "root_hash": tree.root_hash(size).hex(),
            "timestamp": log.timestamp(timezone.now()),
        }
        signature = base64.b64encode(key.sign(tree_head_message(head))).decode()
        created = TreeHead.objects.create(signature=signature, key_id=key_id(key), **head)
    send_to_witnesses(created)
    return created, True


def send_to_witnesses(head):
    """E-mail the signed head to RECORD_WITNESS_EMAILS: each keeps a copy the portal cannot
    take back (docs/record.md, "Witnesses")."""
    recipients = list(getattr(settings, "RECORD_WITNESS_EMAILS", []))
    if not recipients:
        return 0
    body = canonical_json(head.as_json()).decode() + "\n"
    return send_mail(
        _("Public record: signed tree head of %(size)s entries") % {"size": head.tree_size},
        _(
            "The portal signed this tree head. Keep this message: with it you can later check "
            "that the record was not rewritten (docs/record.md).\n\n%(head)s"
        )
        % {"head": body},
        None,
        recipients,
    )
