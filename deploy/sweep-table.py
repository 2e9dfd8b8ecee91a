#!/usr/bin/env python3
"""A sweep's trials as a Markdown table: one row per value of --rows, one column per value of
--cols, each cell the metric's mean [min, max] over the completed trials (repeats) of that cell,
and how many of them diverged or failed.

  deploy/sweep-table.py OUT/NAME/trials.jsonl --rows model.hidden --cols train.optimizer.lr --metric val_mse
  deploy/sweep-table.py ... --first-epoch        # also the first epoch's val_loss: how fast
  deploy/sweep-table.py ... --layers 0,4,9       # also those layers' activation std after epoch 1
  deploy/sweep-table.py ... --cols none          # one column: every trial of the row
  deploy/sweep-table.py ... --rows model.init,train.clip   # a row per combination
"""
import argparse
import collections
import json
import statistics
import sys


def label(value):
    if isinstance(value, list):
        return f"{len(value)} x {value[0]}" if value and all(v == value[0] for v in value) else str(value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def row_label(values):
    return "; ".join(label(v) for v in values)


def order(encoded):
    """Numbers in numeric order, lists by length, the rest as text."""
    if encoded == "all":
        return (0, 0, "")
    value = json.loads(encoded)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value, "")
    if isinstance(value, list) and len(value) == 1:
        return order(json.dumps(value[0]))
    if isinstance(value, list):
        return (1, len(value), encoded)
    return (2, 0, encoded)


def cell(trials, args):
    ok = [t for t in trials if t["status"] == "COMPLETED"]
    lost = len(trials) - len(ok)
    if not ok:
        return f"all {len(trials)} {trials[0]['status'].lower()}"
    values = [t["metrics"][args.metric] for t in ok]
    text = f"{statistics.mean(values):.4f} [{min(values):.4f}, {max(values):.4f}]"
    if args.first_epoch:
        first = statistics.mean(t["history"][0]["val_loss"] for t in ok)
        text = f"epoch 1: {first:.4f}; end: " + text
    if args.layers:
        stds = [statistics.mean(t["history"][0]["layers"][i]["activation_std"] for t in ok) for i in args.layers]
        text += "; activation std " + " / ".join(f"{s:.3g}" for s in stds)
    if lost:
        text += f" ({lost}/{len(trials)} {'diverged' if all(t['status'] == 'DIVERGED' for t in trials if t not in ok) else 'lost'})"
    return text


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("trials")
    p.add_argument("--rows", required=True)
    p.add_argument("--cols", required=True)
    p.add_argument("--metric", default="val_accuracy")
    p.add_argument("--first-epoch", action="store_true")
    p.add_argument("--layers", type=lambda s: [int(i) for i in s.split(",")])
    args = p.parse_args()
    trials = [json.loads(line) for line in open(args.trials, encoding="utf-8") if line.strip()]
    if not trials:
        print(f"sweep-table: no trials in {args.trials}", file=sys.stderr)
        return 2
    cells = collections.defaultdict(list)
    for t in trials:
        row = json.dumps([t["params"].get(p) for p in args.rows.split(",")], sort_keys=True)
        col = "all" if args.cols == "none" else json.dumps(t["params"].get(args.cols), sort_keys=True)
        cells[(row, col)].append(t)
    rows = sorted({r for r, _ in cells}, key=order)
    cols = sorted({c for _, c in cells}, key=order)
    head = [args.rows] + [label(json.loads(c)) if c != "all" else args.metric for c in cols]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join([row_label(json.loads(r))] + [cell(cells[(r, c)], args) if (r, c) in cells else ""
                                                          for c in cols]) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
