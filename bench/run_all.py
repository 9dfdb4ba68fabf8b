"""Run every benchmark in this folder (bench/*_bench.py), one after the other."""

import subprocess
import sys
from pathlib import Path

failed = 0
for script in sorted(Path(__file__).resolve().parent.glob("*_bench.py")):
    print(f"== {script.name}", flush=True)
    failed += subprocess.run([sys.executable, str(script)], check=False).returncode != 0
sys.exit(1 if failed else 0)
