"""Benchmark: every report of a generated campus, as whole commands, at 1k, 10k and 100k.

Issue 11 asks for all reports of a 10k-asset inventory in < 30 s and of 100k in
< 5 minutes, under 2 GB peak RSS, with rendering that stays linear.  For each
size this script:

1. generates the campus (:mod:`bench.campus`) into a temporary file;
2. times three whole commands in a subprocess each (start-up, load, analysis,
   rendering, atomic writes), with wall, CPU and peak RSS read by ``os.wait4``
   for that one child (so one command's peak never leaks into the next figure):

   - ``report``: ``drscout report FILE -o DIR`` (worksheet.xlsx, worksheet.md,
     gap report HTML and Markdown, inventory/assessment JSON, assets.csv,
     GraphML, and whatever else the command writes);
   - ``export``: ``drscout export FILE --format json --format csv --format
     graphml --format netbox`` (the CSV tables and the NetBox import files);
   - ``rerender``: ``drscout report FILE --worksheet DIR/worksheet.xlsx``, the
     re-render after the interview (reads the workbook back and carries it);

3. as the baseline, times a naive writer of the same data in a subprocess too
   (``--naive``): ``json.load`` of the inventory, one flat row per asset and per
   link, written with ``pandas.DataFrame.to_excel`` (openpyxl, like drscout),
   ``csv.writer`` and ``json.dump``.  It is fair as a floor, not as a rival: it
   writes the two big tables every drscout output is made of, with the same
   spreadsheet library, but without the analysis, the other sheets, styles,
   validations, escaping, or the HTML/Markdown/GraphML/NetBox files.  A ratio
   that stays flat from 1k to 100k says drscout's extra work grows like the data.

It prints JSON: per size and command the seconds, CPU seconds, peak RSS, seconds
per 1k assets (linearity: the figure should stay about flat as the size grows),
and the ratio to the naive writer.  Figures depend on the machine and its load;
the script prints the load average.

Run: ``.venv/bin/python -m bench.reports_scale [--sizes 1000,10000,100000]``
(CI: ``--sizes 1000``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.campus import generate
from bench.commands import drscout_argv

EXPORT_FORMATS = ("json", "csv", "graphml", "netbox")
COMMANDS = ("report", "export", "rerender")
_ASSET_FIELDS = ("id", "name", "type", "roles", "vendor", "model", "serial", "os",
                 "os_version", "ips", "macs", "location", "first_seen", "last_seen", "sources")
_LINK_FIELDS = ("source", "target", "kind", "source_port", "target_port", "collector",
                "evidence")


def run_alone(argv: list[str], timeout: float) -> dict[str, Any]:
    """Run ``argv``; its exit code, wall and CPU seconds and peak RSS, from ``wait4``
    on that child alone (``RUSAGE_CHILDREN`` keeps the largest child seen so far)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = _wait4(proc, timeout)
        wall = time.perf_counter() - start
        err.seek(0)
        tail = err.read().decode(errors="replace")[-300:]
    return {"exit_code": os.waitstatus_to_exitcode(status) if status is not None else None,
            "wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2)
            if usage else None, "peak_rss_mb": round(usage.ru_maxrss / 1024) if usage else None,
            "stderr": tail}


def _wait4(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, Any, Any]:
    """Poll ``wait4`` until the child ends or ``timeout`` passes (then kill it)."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, usage
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            return pid, None, usage
        time.sleep(0.05)


def naive_write(inventory_file: Path, outdir: Path) -> None:
    """The baseline: the same assets and links written flat, with no analysis."""
    import pandas as pd

    data = json.loads(inventory_file.read_text())
    assets = [[_flat(a.get(f)) for f in _ASSET_FIELDS] for a in data["assets"]]
    links = [[_flat(x.get(f)) for f in _LINK_FIELDS] for x in data["links"]]
    with pd.ExcelWriter(outdir / "naive.xlsx", engine="openpyxl") as writer:
        for sheet, rows, header in (("Assets", assets, _ASSET_FIELDS),
                                    ("Links", links, _LINK_FIELDS)):
            pd.DataFrame(rows, columns=header).to_excel(writer, sheet_name=sheet, index=False)
    for name, header, rows in (("assets", _ASSET_FIELDS, assets),
                               ("links", _LINK_FIELDS, links)):
        with open(outdir / f"{name}.csv", "w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(header)
            out.writerows(rows)
    with open(outdir / "inventory.json", "w") as handle:
        json.dump(data, handle, indent=2)


def _flat(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def one_size(n: int, timeout: float, commands: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inventory = root / f"campus-{n}.json"
        raw = generate(n)
        inventory.write_text(json.dumps(raw))
        assets = len(raw["assets"])
        del raw
        runs = {
            "report": drscout_argv("report", str(inventory), "-o", str(root / "report"),
                                   "--quiet"),
            "export": drscout_argv("export", str(inventory), "-o", str(root / "export"),
                                   "--quiet", *(a for f in EXPORT_FORMATS
                                                for a in ("--format", f))),
            "rerender": drscout_argv("report", str(inventory), "-o", str(root / "again"),
                                     "--quiet", "--worksheet",
                                     str(root / "report" / "worksheet.xlsx")),
        }
        (root / "naive").mkdir()
        naive = run_alone([sys.executable, "-m", "bench.reports_scale", "--naive",
                           str(inventory), str(root / "naive")], timeout)
        result: dict[str, Any] = {"assets": assets, "naive": _per_k(naive, assets)}
        for name, argv in runs.items():
            if name not in commands:
                continue
            figures = _per_k(run_alone(argv, timeout), assets)
            figures["vs_naive"] = round(figures["wall_s"] / naive["wall_s"], 1)
            figures["cpu_vs_naive"] = round(figures["cpu_s"] / naive["cpu_s"], 1) \
                if naive["cpu_s"] and figures["cpu_s"] is not None else None
            figures["files"], figures["output_mb"] = _outputs(root / argv[argv.index("-o") + 1])
            result[name] = figures
        if "report" in result and "export" in result:
            total = sum(result[k]["wall_s"] for k in ("report", "export"))
            result["report_plus_export_s"] = round(total, 2)
    return result


def _per_k(figures: dict[str, Any], assets: int) -> dict[str, Any]:
    figures["s_per_1k_assets"] = round(figures["wall_s"] * 1000 / assets, 3)
    if figures["cpu_s"] is not None:
        figures["cpu_s_per_1k_assets"] = round(figures["cpu_s"] * 1000 / assets, 3)
    if figures["exit_code"] == 0:
        figures.pop("stderr")
    return figures


def _outputs(folder: Path) -> tuple[int, float]:
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []
    return len(files), round(sum(p.stat().st_size for p in files) / 2**20, 1)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench.reports_scale")
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated campus sizes (assets)")
    parser.add_argument("--timeout", type=float, default=1800.0,
                        help="seconds before one command is killed")
    parser.add_argument("--commands", default=",".join(COMMANDS),
                        help="comma-separated commands to time (default: all)")
    parser.add_argument("--naive", nargs=2, metavar=("INVENTORY", "OUTDIR"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.naive:
        naive_write(Path(args.naive[0]), Path(args.naive[1]))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    result: dict[str, Any] = {"load_average": os.getloadavg(), "cpus": os.cpu_count(),
                              "sizes": []}
    for n in sizes:
        result["sizes"].append(one_size(n, args.timeout, args.commands.split(",")))
        print(json.dumps(result["sizes"][-1]), file=sys.stderr, flush=True)
    result["load_average_after"] = os.getloadavg()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
