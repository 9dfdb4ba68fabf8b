"""Tamper evidence: the database refuses to change the record, a changed or deleted row makes
verification fail, forged signatures fail; the public addresses serve what the standalone
verifier needs."""

import base64
import json

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from registro import log, signing, tree, verificador
from registro.models import Entry, Node, TreeHead
from registro.triggers import drop_statements
from tests.registro.helpers import append_entries

pytestmark = pytest.mark.django_db


def drop_triggers():
    """What someone with write access to the database could do; the test's transaction
    rolls it back."""
    with connection.cursor() as cursor:
        for statement in drop_statements(connection.vendor):
            cursor.execute(statement)


def public_key():
    return verificador.load_public_key(signing.public_key_pem())


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.json()


@pytest.fixture
def signed(client):
    append_entries(20)
    call_command("sign_tree_head", verbosity=0)
    return get_json(client, "/registro/cabeza.json")


# --- The database refuses -----------------------------------------------------------------


@pytest.mark.parametrize("model", [Entry, TreeHead, Node])
def test_the_database_refuses_update_and_delete(model, signed):
    append_entries(tree.BLOCK)  # so there is a stored node too
    assert model.objects.exists()
    changes = {
        Entry: {"title": "editado"},
        TreeHead: {"root_hash": "0" * 64},
        Node: {"hash": "0" * 64},
    }
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.update(**changes[model])
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.all().delete()
    assert model.objects.exists()


# --- A changed record does not verify -------------------------------------------------------


def test_an_entry_verifies_until_its_row_is_edited(client, signed):
    proof = get_json(client, "/registro/inclusion.json", entrada=7)["proofs"][0]
    verificador.check_inclusion(proof["entry"], proof, signed, public_key())

    drop_triggers()
    Entry.objects.filter(sequence=7).update(url="/otra-direccion/")
    proof = get_json(client, "/registro/inclusion.json", entrada=7)["proofs"][0]
    assert proof["entry"]["url"] == "/otra-direccion/"
    with pytest.raises(verificador.VerificationError):
        verificador.check_inclusion(proof["entry"], proof, signed, public_key())


def test_a_row_rewritten_with_its_leaf_hash_breaks_consistency(client, signed):
    drop_triggers()
    entry = Entry.objects.get(sequence=3)
    entry.title = "Otro título"
    Entry.objects.filter(sequence=3).update(
        title=entry.title, leaf_hash=verificador.entry_leaf(log.leaf_fields(entry)).hex()
    )
    append_entries(5, start=100)
    call_command("sign_tree_head", verbosity=0)
    current = get_json(client, "/registro/cabeza.json")
    proof = get_json(
        client, "/registro/consistencia.json", desde=signed["tree_size"], hasta=current["tree_size"]
    )
    with pytest.raises(verificador.VerificationError):
        verificador.check_consistency(signed, current, proof, public_key())


def test_a_deleted_row_breaks_consistency(client, signed):
    drop_triggers()
    Entry.objects.filter(sequence=signed["tree_size"] - 1).delete()
    append_entries(3, start=200)  # the log grows again past the saved size
    call_command("sign_tree_head", verbosity=0)
    current = get_json(client, "/registro/cabeza.json")
    proof = get_json(
        client, "/registro/consistencia.json", desde=signed["tree_size"], hasta=current["tree_size"]
    )
    with pytest.raises(verificador.VerificationError):
        verificador.check_consistency(signed, current, proof, public_key())


def test_a_grown_log_is_consistent_with_a_saved_head(client, signed):
    append_entries(300, start=300)
    call_command("sign_tree_head", verbosity=0)
    current = get_json(client, "/registro/cabeza.json")
    assert current["tree_size"] == signed["tree_size"] + 300
    proof = get_json(
        client, "/registro/consistencia.json", desde=signed["tree_size"], hasta=current["tree_size"]
    )
    verificador.check_consistency(signed, current, proof, public_key())


# --- Signatures ---------------------------------------------------------------------------


def test_a_signed_head_verifies_and_a_forged_one_does_not(signed):
    key = public_key()
    verificador.verify_tree_head(signed, key)
    for forged in (
        {**signed, "tree_size": signed["tree_size"] + 1},
        {**signed, "root_hash": "0" * 64},
        {**signed, "signature": base64.b64encode(b"\0" * 64).decode()},
    ):
        with pytest.raises(verificador.VerificationError):
            verificador.verify_tree_head(forged, key)


def test_a_head_signed_with_another_key_does_not_verify(settings, signed):
    settings.RECORD_SIGNING_KEY = signing.generate_key()
    with pytest.raises(verificador.VerificationError):
        verificador.verify_tree_head(signed, public_key())


def test_the_verifier_script_checks_a_saved_head_and_key(tmp_path, client, signed, capsys):
    head_file = tmp_path / "cabeza.json"
    head_file.write_text(json.dumps(signed))
    key_file = tmp_path / "clave.pem"
    key_file.write_bytes(client.get("/registro/clave-publica.pem").content)
    assert verificador.main(["firma", str(head_file), str(key_file)]) == 0
    head_file.write_text(json.dumps({**signed, "tree_size": 1}))
    assert verificador.main(["firma", str(head_file), str(key_file)]) == 1
    assert "NO VERIFICA" in capsys.readouterr().out


def test_signing_again_without_new_entries_keeps_the_head(signed):
    head, created = signing.sign_tree_head()
    assert not created and head.tree_size == signed["tree_size"]
    append_entries(1, start=500)
    head, created = signing.sign_tree_head()
    assert created and TreeHead.objects.count() == 2


def test_without_a_configured_key_production_does_not_sign(settings):
    settings.RECORD_SIGNING_KEY = ""
    settings.RECORD_DEVELOPMENT_KEY = False
    with pytest.raises(ImproperlyConfigured):
        call_command("sign_tree_head", verbosity=0)
    assert not TreeHead.objects.exists()


def test_a_configured_key_is_used(settings, client):
    key = signing.generate_key()
    settings.RECORD_SIGNING_KEY = key
    append_entries(2)
    head, _created = signing.sign_tree_head()
    verificador.verify_tree_head(head.as_json(), public_key())
    assert head.key_id == signing.key_id()


def test_witnesses_receive_each_signed_head(settings):
    settings.RECORD_WITNESS_EMAILS = ["personeria@example.org", "concejo@example.org"]
    append_entries(2)
    head, _created = signing.sign_tree_head()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == settings.RECORD_WITNESS_EMAILS
    assert head.root_hash in mail.outbox[0].body and head.signature in mail.outbox[0].body
