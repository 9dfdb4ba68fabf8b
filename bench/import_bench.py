"""Benchmark: import 5,000 indicator rows from .xlsx and .csv (docs/indicator-import.md).

    python bench/import_bench.py            # throwaway SQLite database in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rendicion python bench/import_bench.py
                                             # PostgreSQL: runs in a throwaway test_<name> database

Generates the files in /tmp, then measures, each on its own:

1. reading and checking the .xlsx (the preview: build_plan), then writing it (apply_plan):
   5,000 new indicators, each published through Wagtail with a revision;
2. re-importing the same data as .csv with --update: everything unchanged, nothing written;
3. the same .csv with every target changed: 5,000 updates.

Prints seconds per step and the peak memory: the process's maximum resident size after the
timed steps (Django, Wagtail and openpyxl included), then the peak of Python allocations of
the preview and of the write, traced (tracemalloc) in a separate pass because tracing slows
Python down.
"""

import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROWS = int(os.environ.get("BENCH_ROWS", "5000"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

from throwaway_database import run_in_throwaway_database  # noqa: E402 - after the path

DEPARTMENTS = [
    "Secretaría de Educación",
    "Secretaría de Salud",
    "Secretaría de Participación Comunitaria",
    "Secretaría de Desarrollo Económico",
    "Secretaría de Infraestructura",
    "Secretaría de Integración Social",
    "Secretaría de Ambiente",
    "Departamento Administrativo de Planeación",
]
TARGETS = ["1.3", "3.2", "3.b", "4.1", "4.2", "4.c", "6.6", "9.1", "11.6", "13.3", "15.1", "16.7"]
HEADER = [
    "ODS",
    "Código",
    "Indicador",
    "Tipo",
    "Unidad de Medida",
    "Línea Base",
    "Meta",
    "Responsable",
    "Línea estratégica",
    "Programa",
    "Sentido",
    "Avance 2020",
    "Avance 2021",
]


def rows(target_bump=0):
    """ROWS rows written the way departments write them: numbers as text, SDG lists, names
    in lower case without accents."""
    rng = random.Random(2021)
    for index in range(ROWS):
        baseline = rng.randint(0, 5000)
        yield [
            "Meta: " + ", ".join(rng.sample(TARGETS, rng.randint(1, 3))),
            f"2201{index:05d}",
            f"Indicador de prueba número {index} del plan de desarrollo",
            rng.choice(["Producto", "Resultado"]),
            rng.choice(["Número", "Porcentaje", "Kilómetros"]),
            f"{baseline:,}".replace(",", "."),  # "1.050": dot for thousands
            str(baseline + 500 + target_bump),
            rng.choice(DEPARTMENTS).lower() if index % 2 else rng.choice(DEPARTMENTS),
            "Palmira pa'lante",
            f"Programa {index % 40}",
            "Incremento",
            str(baseline + 100),
            f"{baseline + 250},5",  # decimal comma
        ]


def write_files(folder, target_bump=0):
    import csv

    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Indicadores")
    sheet.append(["Matriz de indicadores del Plan de Desarrollo"])
    sheet.append(HEADER)
    for row in rows(target_bump):
        sheet.append(row)
    xlsx = folder / f"indicadores-{ROWS}-{target_bump}.xlsx"
    workbook.save(xlsx)
    csv_path = folder / f"indicadores-{ROWS}-{target_bump}.csv"
    with csv_path.open("w", encoding="cp1252", newline="") as output:
        writer = csv.writer(output, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows(target_bump))
    return xlsx, csv_path


def measure(label, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    print(f"  {label:<46} {time.perf_counter() - start:7.2f} s")
    return result


def rss():
    """Resident memory now, in MiB (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_memory(function, *args, **kwargs):
    tracemalloc.start()
    result = function(*args, **kwargs)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, peak


def main():
    run_in_throwaway_database(run)


def run(folder):
    from django.db import connection

    from importer.apply import apply_plan
    from importer.plan import build_plan
    from rendicion.models import Department, Indicator

    for name in DEPARTMENTS:
        Department.objects.create(name=name, slug=name.lower().replace(" ", "-")[:100])
    xlsx, csv_same = write_files(folder)
    _xlsx, csv_changed = write_files(folder, target_bump=7)
    print(f"Indicator import, {ROWS} rows, database: {connection.vendor}")
    print(
        f"  files: {xlsx} ({xlsx.stat().st_size // 1024} KiB), "
        f"{csv_same} ({csv_same.stat().st_size // 1024} KiB)"
    )

    xlsx_data, same, changed = xlsx.read_bytes(), csv_same.read_bytes(), csv_changed.read_bytes()
    print(f"  process memory before importing (Django, Wagtail, migrations run): {rss():.1f} MiB")
    plan = measure("xlsx: read and check (preview)", build_plan, xlsx_data, xlsx.name)
    assert plan.ok and len(plan.to_create) == ROWS, plan.sorted_errors[:5]
    measure(f"xlsx: write {ROWS:,} new indicators", apply_plan, plan)
    assert Indicator.objects.filter(live=True).count() == ROWS

    plan = measure("csv: re-import, all unchanged", build_plan, same, csv_same.name, update=True)
    assert plan.ok and len(plan.unchanged) == ROWS, plan.sorted_errors[:5]

    plan = measure(
        f"csv: read and check {ROWS:,} changes", build_plan, changed, csv_changed.name, update=True
    )
    assert plan.ok and len(plan.to_update) == ROWS, plan.sorted_errors[:5]
    measure(f"csv: write {ROWS:,} updates", apply_plan, plan)

    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"  peak process memory (ru_maxrss): {max_rss / 1024:.1f} MiB")

    # Peak Python allocations, traced in a second pass on a clean slate.
    Indicator.objects.all().delete()
    plan, plan_peak = peak_memory(build_plan, xlsx_data, xlsx.name)
    _outcome, apply_peak = peak_memory(apply_plan, plan)
    print(
        f"  peak Python memory (tracemalloc): preview {plan_peak / 2**20:.1f} MiB, "
        f"write {apply_peak / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
