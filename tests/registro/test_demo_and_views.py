"""The demo's history is recorded and signed, every public demo document is provably
published (with the standalone verifier), and the public addresses serve the record."""

import ast
import hashlib
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from registro import signing, verificador
from registro.models import Entry, Event, ObjectKind, TreeHead
from rendicion.visibility import public_documents
from tests.registro.helpers import reference_root


class DemoRecordTests(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.media_root = Path(tempfile.mkdtemp(prefix="registro-demo-"))
        cls.addClassCleanup(shutil.rmtree, cls.media_root, ignore_errors=True)
        cls.enterClassContext(override_settings(MEDIA_ROOT=cls.media_root))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_data", stdout=StringIO())
        cls.size_after_first_load = Entry.objects.count()
        call_command("load_demo_data", stdout=StringIO())

    def head(self):
        response = self.client.get("/registro/cabeza.json")
        self.assertEqual(response.status_code, 200)
        return response.json()

    def public_key(self):
        pem = self.client.get("/registro/clave-publica.pem").content
        return verificador.load_public_key(pem)

    def test_loading_the_demo_records_its_history_and_signs_a_head(self):
        self.assertGreater(self.size_after_first_load, 10)
        kinds = set(Entry.objects.values_list("object_kind", flat=True))
        self.assertEqual(kinds, set(ObjectKind.values))
        head = self.head()
        self.assertEqual(head["tree_size"], Entry.objects.count())
        verificador.verify_tree_head(head, self.public_key())

    def test_loading_the_demo_again_records_nothing_new(self):
        self.assertEqual(Entry.objects.count(), self.size_after_first_load)
        self.assertEqual(TreeHead.objects.count(), 1)

    def test_every_public_demo_document_is_provably_published(self):
        head, key = self.head(), self.public_key()
        documents = list(public_documents())
        self.assertTrue(documents)
        for document in documents:
            with self.subTest(document=document.title):
                # The file as downloaded, hashed here, not the stored checksum.
                content = (self.media_root / document.file.name).read_bytes()
                digest = hashlib.sha256(content).hexdigest()
                answer = self.client.get(
                    "/registro/inclusion.json", {"sha256": digest, "tamano": head["tree_size"]}
                ).json()
                self.assertEqual(len(answer["proofs"]), 1)
                proof = answer["proofs"][0]
                self.assertEqual(proof["entry"]["event"], Event.MADE_PUBLIC)
                self.assertEqual(proof["entry"]["file_size"], document.file_size)
                verificador.check_inclusion(proof["entry"], proof, head, key)

    def test_the_verifier_script_proves_a_file_and_checks_a_saved_head(self):
        """The command line, with the portal's answers coming from this test's client."""
        from unittest import mock

        def get_json(base, path, query=None):
            response = self.client.get("/" + path, query or {})
            if response.status_code != 200:
                raise verificador.VerificationError(f"{path}: {response.status_code}")
            return response.json()

        def get_bytes(base, path):
            return self.client.get("/" + path).content

        document = public_documents().order_by("pk").first()
        saved = Path(self.media_root) / "cabeza-guardada.json"
        saved.write_text(self.client.get("/registro/cabeza.json").content.decode())
        with (
            mock.patch.object(verificador, "_get_json", get_json),
            mock.patch.object(verificador, "_get_bytes", get_bytes),
        ):
            path = str(self.media_root / document.file.name)
            self.assertEqual(verificador.main(["documento", path, "http://portal/"]), 0)
            self.assertEqual(verificador.main(["consistencia", str(saved), "http://portal/"]), 0)
            other = Path(self.media_root) / "otro.pdf"
            other.write_bytes(b"%PDF-1.4 nunca publicado")
            self.assertEqual(verificador.main(["documento", str(other), "http://portal/"]), 1)

    def test_an_unpublished_file_has_no_proof(self):
        answer = self.client.get(
            "/registro/inclusion.json", {"sha256": hashlib.sha256(b"nunca").hexdigest()}
        ).json()
        self.assertEqual(answer["proofs"], [])

    def test_the_list_is_readable_in_spanish_and_filterable(self):
        response = self.client.get("/registro/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Registro público")
        self.assertContains(response, "Publicado")
        filtered = self.client.get("/registro/", {"tipo": ObjectKind.DOCUMENT})
        documents = Entry.objects.filter(object_kind=ObjectKind.DOCUMENT).count()
        self.assertEqual(filtered.context["paginator"].count, documents)
        self.assertContains(filtered, "Se hizo público")

    def test_entries_json_is_paged_and_recomputes_to_the_signed_root(self):
        head = self.head()
        entries = []
        page = 1
        while True:
            answer = self.client.get("/registro/entradas.json", {"pagina": page}).json()
            entries.extend(answer["entries"])
            if page >= answer["pages"]:
                break
            page += 1
        self.assertEqual(len(entries), head["tree_size"])
        leaves = [verificador.entry_leaf(entry) for entry in entries]
        self.assertEqual([leaf.hex() for leaf in leaves], [entry["leaf_hash"] for entry in entries])
        data = [
            verificador.canonical_json({k: v for k, v in entry.items() if k != "leaf_hash"})
            for entry in entries
        ]
        self.assertEqual(reference_root(data).hex(), head["root_hash"])

    def test_the_verifier_and_the_key_are_at_fixed_addresses(self):
        response = self.client.get("/registro/verificador.py")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, Path(verificador.__file__).read_bytes())
        tree = ast.parse(response.content)
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        }
        self.assertLessEqual(
            imported, {"base64", "hashlib", "json", "sys", "urllib", "cryptography"}
        )
        pem = self.client.get("/registro/clave-publica.pem")
        self.assertEqual(pem.content, signing.public_key_pem())
        self.assertTrue(pem.content.startswith(b"-----BEGIN PUBLIC KEY-----"))

    def test_bad_parameters_are_not_found(self):
        for url, params in (
            ("/registro/consistencia.json", {"desde": 5, "hasta": 10**9}),
            ("/registro/consistencia.json", {"desde": "x"}),
            ("/registro/inclusion.json", {"entrada": 10**9}),
            ("/registro/entradas.json", {"pagina": 999}),
        ):
            with self.subTest(url=url, params=params):
                self.assertEqual(self.client.get(url, params).status_code, 404)
