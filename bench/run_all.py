"""Run every benchmark in bench/ (files named *_bench.py), one after the other.

Each runs in its own process with the interpreter running this script and prints its own
figures; the exit status is non-zero when any of them failed. Extra arguments select
benchmarks by name: ``python bench/run_all.py search``.
"""

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main(selected):
    scripts = sorted(BENCH_DIR.glob("*_bench.py"))
    if selected:
        scripts = [s for s in scripts if any(name in s.stem for name in selected)]
    if not scripts:
        print("No benchmark found.")
        return 1
    failed = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=BENCH_DIR.parent, check=False)
        print(
            f"--- {script.name}: exit {result.returncode}, {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        if result.returncode:
            failed.append(script.name)
    if failed:
        print(f"\nFailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
