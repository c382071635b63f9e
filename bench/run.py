"""`make bench`: every benchmark in turn; each prints the figures its issue names (see README)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    "bench_directory.py", "bench_challenges.py", "bench_matching.py", "bench_scheduling.py", "bench_b2b.py",
    "bench_charts.py",
    "bench_audit.py", "bench_support.py", "bench_livinglabs.py", "bench_partnering.py", "bench_monitoring.py",
    "bench_strategy.py",
    "bench_surveys.py",
    "bench_knowledge.py",
]


def main() -> int:
    status = 0
    for name in BENCHMARKS:
        path = HERE / name
        if not path.exists():
            continue
        print(f"\n=== {name}", flush=True)
        status |= subprocess.run([sys.executable, str(path), *sys.argv[1:]]).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
