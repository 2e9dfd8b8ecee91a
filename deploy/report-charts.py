#!/usr/bin/env python3
"""Writes the charts of a Troupe report (report.html) as PNG files, one per chart, named after
its caption: deploy/report-charts.py REPORT.html OUTDIR [PREFIX]. The report embeds each chart as
a PNG; this takes them out as they are, for docs or slides."""
import base64
import pathlib
import re
import sys


def main(argv):
    if len(argv) not in (3, 4):
        print("usage: report-charts.py REPORT.html OUTDIR [PREFIX]", file=sys.stderr)
        return 2
    report, out = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    prefix = argv[3] + "-" if len(argv) == 4 else ""
    if not report.is_file():
        print(f"report-charts: no report at {report}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    html = report.read_text(encoding="utf-8")
    charts = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"[^>]*?alt="([^"]*)"', html)
    for data, caption in charts:
        # Captions may list every curve (the alt text of a chart of many): the first words name it.
        name = prefix + re.sub(r"[^a-z0-9]+", "-", caption.lower())[:60].strip("-") + ".png"
        (out / name).write_bytes(base64.b64decode(data))
        print(out / name)
    return 0 if charts else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
