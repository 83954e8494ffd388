"""Peak memory of every process a command starts, by its depth in the process tree: which process is the largest.

    .venv/bin/python bench/process_peaks.py COMMAND [ARGS...]
    .venv/bin/python bench/process_peaks.py .venv/bin/python -m converter issue PAGES... -o issue.pdf --no-cache

Reads each descendant's ``VmHWM`` (its own peak resident set) from /proc every 10 ms while the command runs
(for ``converter issue``: depth 0 the parent, 1 the pool's workers, 2 each part's render child), and prints
the largest per depth and command beside ``RUSAGE_CHILDREN``'s ``ru_maxrss``, the figure ``bench/issue.py``
reports (the largest of every descendant that was waited for). A process living less than the sampling
interval can be missed; its peak still counts in ``ru_maxrss``. Linux only (/proc).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

INTERVAL = 0.01


def tree(root: int) -> dict[int, int]:
    """Process id -> depth below ``root`` (0 for ``root``), for every live descendant."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    depths, todo = {}, [(root, 0)]
    while todo:
        pid, depth = todo.pop()
        depths[pid] = depth
        todo += [(child, depth + 1) for child in children.get(pid, [])]
    return depths


def peak_mb(pid: int) -> tuple[int, str] | None:
    """The process's peak resident set (MB) and its command line, or ``None`` once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        return int(status.split("VmHWM:")[1].split()[0]) // 1024, command.strip()
    except (OSError, IndexError, ValueError):
        return None


def main() -> None:
    if len(sys.argv) < 2 or not Path("/proc/self/status").exists():
        raise SystemExit(__doc__)
    process = subprocess.Popen(sys.argv[1:])
    peaks: dict[int, tuple[int, int, str]] = {}  # pid -> (peak MB, depth, command)
    while process.poll() is None:
        for pid, depth in tree(process.pid).items():
            found = peak_mb(pid)
            if found is not None:
                peak = max(found[0], peaks.get(pid, (0, 0, ""))[0])
                peaks[pid] = (peak, depth, found[1])
        time.sleep(INTERVAL)
    groups: dict[tuple[int, str], list[int]] = {}
    for peak, depth, command in peaks.values():
        groups.setdefault((depth, os.path.basename(command.split(" ")[0]) + " " + " ".join(command.split(" ")[1:4])),
                          []).append(peak)
    for (depth, command), values in sorted(groups.items()):
        print(f"depth {depth} ({len(values):3d} processes, largest {max(values):4d} MB): {command[:70]}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(f"RUSAGE_CHILDREN ru_maxrss (the largest waited-for process): {largest} MB; exit status {process.returncode}")


if __name__ == "__main__":
    main()
