"""A small reader for gettext .po files: enough to list entries, flags and translations."""

import ast
from dataclasses import dataclass, field


@dataclass
class PoEntry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict = field(default_factory=dict)
    flags: set = field(default_factory=set)

    @property
    def translated(self):
        return "fuzzy" not in self.flags and bool(self.msgstr) and all(self.msgstr.values())


def read_po(path):
    entries, entry, key = [], PoEntry(), None

    def flush():
        nonlocal entry
        if entry.msgid or entry.msgstr:
            entries.append(entry)
        entry = PoEntry()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, key, ast.literal_eval(line))
        else:
            keyword, _sep, value = line.partition(" ")
            key = keyword
            if keyword.startswith("msgstr["):
                key = ("msgstr", int(keyword[7:-1]))
            elif keyword == "msgstr":
                key = ("msgstr", 0)
            if key == "msgctxt":
                entry.msgctxt = ""
            _append(entry, key, ast.literal_eval(value))
    flush()
    return [e for e in entries if e.msgid]


def _append(entry, key, text):
    if isinstance(key, tuple):
        entry.msgstr[key[1]] = entry.msgstr.get(key[1], "") + text
    elif key == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    else:
        setattr(entry, key, getattr(entry, key) + text)
