"""Run every bench/*_bench.py in turn and print its figures; exit non-zero if one fails."""

import subprocess
import sys
from pathlib import Path

failed = []
for script in sorted(Path(__file__).parent.glob("*_bench.py")):
    print(f"\n=== {script.name} ===", flush=True)
    # Our own scripts, run with this interpreter: no untrusted input reaches the command.
    if subprocess.run([sys.executable, str(script)], check=False).returncode:  # noqa: S603
        failed.append(script.name)
sys.exit(f"failed: {', '.join(failed)}" if failed else 0)
