#!/usr/bin/env python3
"""Independent verifier of the portal's public record (docs/record.md).

One file, no Django: the Python standard library and ``cryptography`` (``pip install
cryptography``). It trusts nothing the server says without checking it against a signed tree
head and the record's public key.

    python3 verificador.py firma cabeza.json clave-publica.pem
    python3 verificador.py consistencia cabeza-guardada.json https://portal.example/
    python3 verificador.py documento archivo.pdf https://portal.example/ [cabeza.json]
    python3 verificador.py entrada 42 https://portal.example/ [cabeza.json]

Hashing and proofs follow RFC 9162 (Certificate Transparency 2.0), §2.1: a leaf is
SHA-256(0x00 || entry), a node SHA-256(0x01 || left || right); inclusion proofs are verified
as in §2.1.3.2 and consistency proofs as in §2.1.4.2. The portal imports these functions, so
the server and the verifier never disagree on the algorithm.
"""

import base64
import hashlib
import json
import sys
import urllib.parse
import urllib.request

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"


class VerificationError(Exception):
    """A proof, a signature or an entry does not verify."""


# --- RFC 9162 §2.1 --------------------------------------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def canonical_json(value) -> bytes:
    """The bytes that are hashed: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_leaf(entry: dict) -> bytes:
    """The leaf hash of a record entry as published in /registro/entradas.json: the hash of the
    canonical JSON of its ``leaf`` fields (everything but the derived ``leaf_hash``)."""
    fields = {key: value for key, value in entry.items() if key != "leaf_hash"}
    return leaf_hash(canonical_json(fields))


def verify_inclusion(leaf: bytes, index: int, tree_size: int, path: list, root: bytes) -> None:
    """RFC 9162 §2.1.3.2."""
    if index >= tree_size:
        raise VerificationError("el índice está fuera del árbol")
    fn, sn = index, tree_size - 1
    r = leaf
    for p in path:
        if sn == 0:
            raise VerificationError("la prueba de inclusión es demasiado larga")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0 or r != root:
        raise VerificationError("la prueba de inclusión no lleva a la raíz firmada")


def _trivially_consistent(first, second, first_root, second_root, path):
    """The cases §2.1.4.2 does not iterate over: sizes out of order, equal, or from zero."""
    if first > second:
        raise VerificationError("el primer árbol es mayor que el segundo")
    if first == second:
        if path or first_root != second_root:
            raise VerificationError("dos árboles del mismo tamaño con raíces distintas")
        return True
    if first == 0:
        if path:
            raise VerificationError("la prueba desde un árbol vacío debe estar vacía")
        return True
    if not path:
        raise VerificationError("falta la prueba de consistencia")
    return False


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, path: list
) -> None:
    """RFC 9162 §2.1.4.2: the tree of size ``second`` extends the one of size ``first``."""
    if _trivially_consistent(first, second, first_root, second_root, path):
        return
    path = list(path)
    if first & (first - 1) == 0:  # a power of two: the first tree is a subtree of the second
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise VerificationError("la prueba de consistencia es demasiado larga")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0 or fr != first_root or sr != second_root:
        raise VerificationError("el registro fue reescrito: la prueba de consistencia no cuadra")


# --- Signed tree heads ----------------------------------------------------------------------


def tree_head_message(head: dict) -> bytes:
    """What is signed: the canonical JSON of the tree size, the root hash and the time."""
    return canonical_json(
        {
            "root_hash": head["root_hash"],
            "timestamp": head["timestamp"],
            "tree_size": head["tree_size"],
        }
    )


def load_public_key(pem: bytes):
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    return load_pem_public_key(pem)


def verify_tree_head(head: dict, public_key) -> None:
    from cryptography.exceptions import InvalidSignature

    try:
        signature = base64.b64decode(head["signature"], validate=True)
        public_key.verify(signature, tree_head_message(head))
    except (InvalidSignature, ValueError, KeyError) as error:
        raise VerificationError("la firma de la cabeza del árbol no es válida") from error


def _root(head: dict) -> bytes:
    return bytes.fromhex(head["root_hash"])


def _hashes(values) -> list:
    return [bytes.fromhex(value) for value in values]


# --- Talking to a portal --------------------------------------------------------------------


def _get_json(base_url: str, path: str, query=None):
    url = urllib.parse.urljoin(base_url, path)
    if query:
        url += "?" + urllib.parse.urlencode(query)
    if not url.startswith(("https://", "http://")):
        raise VerificationError(f"dirección no válida: {url}")
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (checked above)
        return json.load(response)


def _get_bytes(base_url: str, path: str) -> bytes:
    url = urllib.parse.urljoin(base_url, path)
    if not url.startswith(("https://", "http://")):
        raise VerificationError(f"dirección no válida: {url}")
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (checked above)
        return response.read()


def check_consistency(saved: dict, current: dict, proof: dict, public_key) -> None:
    """(a) A saved tree head and today's are both signed, and today's extends the saved one."""
    verify_tree_head(saved, public_key)
    verify_tree_head(current, public_key)
    verify_consistency(
        saved["tree_size"],
        current["tree_size"],
        _root(saved),
        _root(current),
        _hashes(proof["consistency"]),
    )


def check_inclusion(entry: dict, proof: dict, head: dict, public_key) -> None:
    """(b) An entry is in the tree of a signed head."""
    verify_tree_head(head, public_key)
    if proof["tree_size"] != head["tree_size"]:
        raise VerificationError("la prueba no corresponde a la cabeza del árbol dada")
    verify_inclusion(
        entry_leaf(entry),
        entry["sequence"],
        head["tree_size"],
        _hashes(proof["inclusion"]),
        _root(head),
    )


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _head_to_use(base_url, saved_head_path):
    if saved_head_path:
        with open(saved_head_path, encoding="utf-8") as file:
            return json.load(file)
    return _get_json(base_url, "registro/cabeza.json")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__)
        return 2
    command, *args = argv
    try:
        if command == "firma" and len(args) == 2:
            with open(args[0], encoding="utf-8") as file:
                head = json.load(file)
            with open(args[1], "rb") as file:
                verify_tree_head(head, load_public_key(file.read()))
            print(f"Firma válida: árbol de {head['tree_size']} entradas, {head['timestamp']}.")
        elif command == "consistencia" and len(args) == 2:
            with open(args[0], encoding="utf-8") as file:
                saved = json.load(file)
            base = args[1]
            key = load_public_key(_get_bytes(base, "registro/clave-publica.pem"))
            current = _get_json(base, "registro/cabeza.json")
            proof = _get_json(
                base,
                "registro/consistencia.json",
                {"desde": saved["tree_size"], "hasta": current["tree_size"]},
            )
            check_consistency(saved, current, proof, key)
            print(
                f"Consistente: el registro de hoy ({current['tree_size']} entradas) contiene "
                f"sin cambios el guardado ({saved['tree_size']} entradas)."
            )
        elif command in {"documento", "entrada"} and len(args) in {2, 3}:
            base = args[1]
            key = load_public_key(_get_bytes(base, "registro/clave-publica.pem"))
            head = _head_to_use(base, args[2] if len(args) == 3 else None)
            query = {"tamano": head["tree_size"]}
            if command == "documento":
                query["sha256"] = sha256_file(args[0])
            else:
                query["entrada"] = int(args[0])
            answer = _get_json(base, "registro/inclusion.json", query)
            for item in answer["proofs"]:
                check_inclusion(item["entry"], item, head, key)
                print(
                    f"Incluida: entrada {item['entry']['sequence']} "
                    f"({item['entry']['event']}, {item['entry']['time']})."
                )
            if not answer["proofs"]:
                raise VerificationError("el registro no contiene esa entrada o ese archivo")
        else:
            print(__doc__)
            return 2
    except VerificationError as error:
        print(f"NO VERIFICA: {error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
