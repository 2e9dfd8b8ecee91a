#!/usr/bin/env python3
"""Troupe's benchmark suite: each figure beside its peer, measured side by side in one run.

    deploy/troupe bench [--out DIR] [--only NAMES] [--epochs N] [--cnn-rows N] [--repeats N]
    deploy/bench/run.py  [--out DIR] [--only NAMES] [--epochs N] [--cnn-rows N] [--repeats N]

Figures (--only takes a comma-separated subset of these names):
  throughput  trainer samples/s, MLP 784-256-128-10, Adam, batch 128 and 512, 1 thread, against
              PyTorch on the CPU (Debian's python3-torch) with the same model, optimiser, batch
              and thread count; peer and Troupe alternate (peer, Troupe, peer, ..., --repeats Troupe
              runs), each Troupe run is compared with the peer runs on either side, and the figure
              is the median ratio with its range
  cnn         trainer samples/s of conf/examples/fashion-cnn.yaml's CNN (conv 32 and 64, 3x3, batch norm,
              max pooling, dense 128, dropout 0.25, Adam, flip and shift augmentation), batch 128,
              1 thread, on --cnn-rows training rows, against PyTorch with the same network, optimiser,
              augmentation, batch and thread count (deploy/bench/pytorch_cnn.py); repeated as
              throughput
  scaling     8 equal trials on 1 vs 2 local slots (one session, 5 pairs in alternating order; the
              median pair ratio with its range), then the same on a real 2-worker standalone cluster
              (deploy/cluster, 1 core per worker), pinned and unpinned
  dispatch    per-trial dispatch overhead from trials that do no work (measured with scaling)
  driver      the driver's cost per trial in whole sweeps of 10, 100 and 2000 trials that do no work
              (study, dispatcher, result store, progress, live report; deploy/troupe bench-driver),
              3 repeats in alternating order: time per trial at 2000 over the time at 100
  compute     a snapshot ensemble of 10 against a true ensemble of 10 and one baseline run:
              training wall time from the trials' own records, and test accuracy
  memory      peak resident memory of the JVM running 4 trials with 2 slots against 1 slot,
              each in its own process, with the dataset shared by the trials
  mllib       Spark MLlib's MultilayerPerceptronClassifier on the same data (all 54,000 training
              rows) and an equivalent grid (deploy/troupe bench-mllib)
  parallel    one trial data-parallel over a pinned 2-worker standalone cluster (dl4j-spark's
              parameter averaging, once an epoch) against one executor of the same cluster:
              training samples/s, median of 3 (deploy/troupe bench-data-parallel)
  store       the result store on HDFS (in-process MiniDFSCluster) and S3 (S3Proxy on loopback)
              against local disk, side by side in one JVM (deploy/bench/store.sh): record write
              latency, dispatch overhead per trial with each result recorded there, and the time
              to open a 10,000-trial run for --resume

Prints one table and writes <out>/bench.json: a list of {name, value, unit, peer, peer_value,
ratio, spread, repeats}, ratio = value / peer_value, or for repeated figures the median of the
per-repeat ratios with their [min, max] as spread (null where a figure was measured once). Each
figure's target, where the project has one, is printed beside it (and kept in bench.json as
"target"). Raw outputs of every step go to <out>/raw/.
Needs python3; the PyTorch peer needs a python3 that can import torch (Debian: python3-torch) and
OpenBLAS behind it (Debian: libopenblas0-pthread; on Debian's reference BLAS PyTorch is about 10x
slower, so the suite leaves the peer out rather than compare with it).
Exit codes: 0 done (targets missed are reported, not failures), 2 bad arguments, 1 a step failed.
"""
import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TROUPE = os.path.join(ROOT, "deploy", "troupe")
CLUSTER = os.path.join(ROOT, "deploy", "cluster")
FASHION = "/usr/share/datasets/fashion-mnist"
MLP = os.path.join(ROOT, "conf", "examples", "fashion-mlp.yaml")
CNN = os.path.join(ROOT, "conf", "examples", "fashion-cnn.yaml")
FIGURES = ["throughput", "cnn", "scaling", "dispatch", "driver", "compute", "memory", "mllib", "parallel", "store"]
STORE = os.path.join(ROOT, "deploy", "bench", "store.sh")


class StepFailed(Exception):
    pass


class Suite:
    def __init__(self, out, epochs, cnn_rows, repeats):
        self.out = os.path.abspath(out)
        self.raw = os.path.join(self.out, "raw")
        self.epochs = epochs
        self.cnn_rows = cnn_rows
        self.repeats = repeats
        self.figures = []
        os.makedirs(self.raw, exist_ok=True)

    # -- running things -------------------------------------------------------------------------

    def run(self, label, argv, env=None):
        """Runs argv, logs its output to raw/<label>.log, returns (seconds, peak RSS in MB)."""
        log = os.path.join(self.raw, label + ".log")
        print(f"  {label}: {' '.join(os.path.relpath(a, ROOT) if a.startswith(ROOT) else a for a in argv)}",
              file=sys.stderr, flush=True)
        full_env = dict(os.environ, TROUPE_NO_BUILD="1", **(env or {}))
        start = time.monotonic()
        with open(log, "w") as f:
            proc = subprocess.Popen(argv, stdout=f, stderr=subprocess.STDOUT, env=full_env, cwd=ROOT)
            # wait4 gives this child's own peak RSS; deploy/troupe execs the JVM, so it is the JVM's.
            _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise StepFailed(f"{label} exited {code}; see {log}")
        return seconds, usage.ru_maxrss / 1024.0

    def troupe(self, label, *args, env=None):
        return self.run(label, [TROUPE, *args], env=env)

    def json_of(self, label):
        with open(os.path.join(self.raw, label + ".json")) as f:
            return json.load(f)

    def add(self, name, value, unit, peer, peer_value, target=None, ratios=None):
        """One figure. With `ratios` (one per repeat, each measured side by side) the figure's ratio is
        their median and its spread their range, so a reader can tell a change from noise."""
        if ratios:
            ratio, spread = statistics.median(ratios), [min(ratios), max(ratios)]
        else:
            ratio, spread = (value / peer_value if peer_value else float("nan")), None
        self.figures.append({"name": name, "value": value, "unit": unit, "peer": peer, "peer_value": peer_value,
                             "ratio": ratio, "spread": spread, "repeats": len(ratios) if ratios else 1,
                             "target": target})

    # -- the figures ----------------------------------------------------------------------------

    def throughput(self):
        for batch in (128, 512):
            sets = ["--set", f"train.epochs={self.epochs}", "--set", f"train.batchSize={batch}"]
            ours, peer, name, ratios = self.trainer_vs_pytorch(f"throughput-{batch}", MLP, sets, "pytorch_mlp.py",
                                                               ["--batch", str(batch)])
            self.add(f"trainer throughput, batch {batch}, 1 thread", ours, "samples/s", name, peer,
                     target=">= 1.0x PyTorch" if batch == 128 else ">= 0.8x PyTorch", ratios=ratios)

    def cnn(self):
        # A CNN epoch on one thread takes many times an MLP epoch, so the runs train on a part of the
        # training rows (the same count on both sides); evaluation lies outside the timed span, so
        # validation and test are cut small too. Augmentation is fashion-cnn.yaml's: pytorch_cnn.py's
        # defaults.
        rows = self.cnn_rows
        sets = ["--set", f"train.epochs={self.epochs}", "--set", "train.batchSize=128",
                "--set", f"data.subset.train={rows}", "--set", "data.subset.validation=1000",
                "--set", "data.subset.test=1000"]
        ours, peer, name, ratios = self.trainer_vs_pytorch("cnn", CNN, sets, "pytorch_cnn.py",
                                                           ["--batch", "128", "--train-rows", str(rows)])
        self.add(f"CNN trainer throughput (fashion-cnn), batch 128, 1 thread, {rows:,} rows", ours, "samples/s",
                 name, peer, target=">= 0.7x PyTorch", ratios=ratios)

    def trainer_vs_pytorch(self, label, conf, sets, script, peer_args):
        """Troupe's `bench <conf>` and the PyTorch peer script, all on one thread, alternated as
        peer, Troupe, peer, Troupe, ..., peer (--repeats Troupe runs). Each Troupe run is compared with
        the mean of the peer runs on either side of it. Returns (Troupe's median samples/s with
        monitoring off, the peer's median samples/s, the peer's name, the per-repeat ratios)."""
        python = torch_python()
        peer_runs, mine = [], []
        for i in range(self.repeats + 1):
            if python:
                peer_label = f"{label}-pytorch-{i + 1}"
                self.run(peer_label, [python, os.path.join(ROOT, "deploy", "bench", script), "--data", FASHION,
                                      *peer_args, "--threads", "1", "--epochs", str(self.epochs)],
                         env={"OMP_NUM_THREADS": "1"})
                with open(os.path.join(self.raw, peer_label + ".log")) as f:
                    peer_runs.append(json.loads(f.read().strip().splitlines()[-1]))
            if i < self.repeats:
                troupe_label = f"{label}-troupe-{i + 1}"
                self.troupe(troupe_label, "bench", conf, *sets,
                            "--json", os.path.join(self.raw, f"{troupe_label}.json"), env={"OMP_NUM_THREADS": "1"})
                mine.append(self.json_of(troupe_label))
        # Side by side means the same rows each epoch: a peer on another count is not this figure's.
        for r in peer_runs:
            if abs(r["rows"] - mine[0]["train_examples"]) > 1:
                raise StepFailed(f"{label}: Troupe trained {mine[0]['train_examples']} rows per epoch, "
                                 f"{script} {r['rows']}")
        ours = [m["samples_per_second_monitor_off"] for m in mine]
        peers = [r["samples_per_second"] for r in peer_runs]
        ratios = [o / statistics.mean(peers[i:i + 2]) for i, o in enumerate(ours)] if peers else []
        peer = statistics.median(peers) if peers else float("nan")
        name = peer_runs[0]["peer"] if peer_runs else PEER_MISSING
        return statistics.median(ours), peer, name, ratios

    def scaling(self):
        sets = ["--set", f"train.epochs={self.epochs}", "--set", "data.subset.train=10000"]
        self.troupe("scaling-local", "bench-dispatch", MLP, *sets, "--json", os.path.join(self.raw, "scaling-local.json"))
        local = self.json_of("scaling-local")
        one, two = statistics.median(local["one_slot_seconds"]), statistics.median(local["two_slot_seconds"])
        n = local["equal_trials"]
        self.add("sweep throughput, 2 local slots (vs 1 slot, same session)", 60 * n / two, "trials/min",
                 "1 local slot", 60 * n / one, target=">= 1.85x", ratios=local["pair_speedups"])
        self.add("dispatch overhead per trial, 1 slot", local["noop_ms_one_slot"], "ms",
                 "target", 20.0, target="<= 20 ms",
                 ratios=[ms / 20.0 for ms in local.get("noop_ms_one_slot_runs", [])])
        # A 2-worker cluster twice: each worker pinned to its own core, as two 1-core machines or
        # containers would confine it (the target's case), and unpinned, where the executor that runs
        # alone in the 1-slot arm spills its GC and JIT threads onto the idle core.
        for pin, label, target in ((True, "pinned to a core each", ">= 1.85x"), (False, "unpinned", None)):
            cluster = self.cluster_scaling(pin, sets)
            c_one, c_two = statistics.median(cluster["one_slot_seconds"]), statistics.median(cluster["two_slot_seconds"])
            self.add(f"sweep throughput, 2-worker standalone cluster, {label} (vs 1 worker, same session)",
                     60 * n / c_two, "trials/min", "1 executor of the same cluster", 60 * n / c_one, target=target,
                     ratios=cluster["pair_speedups"])
            self.add(f"sweep throughput, 2-worker standalone cluster, {label} (vs 1 local slot)", 60 * n / c_two,
                     "trials/min", "1 local slot", 60 * n / one)

    def driver(self):
        raw = os.path.join(self.raw, "driver.json")
        self.troupe("driver", "bench-driver", MLP, "--set", "data.subset.train=1000", "--out",
                    os.path.join(self.out, "driver"), "--json", raw)
        m = self.json_of("driver")
        largest, ref = m["sizes"][-1], 100
        self.add(f"driver cost per trial, sweep of {largest} no-op trials (vs {ref})",
                 statistics.median(m[f"ms_per_trial_{largest}"]), "ms", f"sweep of {ref}",
                 statistics.median(m[f"ms_per_trial_{ref}"]), target="<= 1.2x", ratios=m["growth_per_repeat"])

    def cluster_scaling(self, pin, sets):
        name = "scaling-cluster" + ("-pinned" if pin else "")
        run_dir = os.path.join(self.out, name)
        try:
            url = self.cluster_start(run_dir, pin)
            self.troupe(name, "bench-dispatch", MLP, *sets, "--master", url,
                        "--json", os.path.join(self.raw, name + ".json"), env={"TROUPE_CLUSTER_DIR": run_dir})
        finally:
            self.run(name + "-stop", [CLUSTER, "stop", "--run-dir", run_dir])
        return self.json_of(name)

    def cluster_start(self, run_dir, pin):
        label = "cluster-start" + ("-pinned" if pin else "")
        self.run(label, [CLUSTER, "start", "--workers", "2", "--cores", "1", "--run-dir", run_dir,
                         "--port", str(free_port())] + (["--pin"] if pin else []))
        with open(os.path.join(self.raw, label + ".log")) as f:
            return f.read().strip().splitlines()[-1]

    def parallel(self):
        conf = os.path.join(ROOT, "conf", "examples", "fashion-data-parallel.yaml")
        run_dir = os.path.join(self.out, "parallel-cluster")
        try:
            url = self.cluster_start(run_dir, True)
            self.troupe("parallel", "bench-data-parallel", conf, "--master", url,
                        "--json", os.path.join(self.raw, "parallel.json"), env={"TROUPE_CLUSTER_DIR": run_dir})
        finally:
            self.run("parallel-stop", [CLUSTER, "stop", "--run-dir", run_dir])
        figures = self.json_of("parallel")
        one = statistics.median(figures["one_executor_samples_per_second"])
        two = statistics.median(figures["data_parallel_samples_per_second"])
        self.add("one trial data-parallel, 2 pinned workers (vs 1 executor, same cluster)", two, "samples/s",
                 "1 executor of the same cluster", one, target=">= 1.5x")

    def compute(self):
        conf = os.path.join(ROOT, "conf", "bench", "compute.yaml")
        out = os.path.join(self.out, "compute")
        shutil.rmtree(out, ignore_errors=True)
        self.troupe("compute", "compare", conf, "--out", out)
        base = os.path.join(out, "bench-compute", "ensembles")
        walls = {}
        with open(os.path.join(base, "trials.jsonl")) as f:
            for line in f:
                r = json.loads(line)
                walls[r["trialId"]] = r["wallSeconds"]
        members = [t for t in walls if t.startswith("member-")]
        snapshots = [t for t in walls if t.startswith("snapshots") and "control" not in t]
        true_wall = sum(walls[t] for t in members)
        snap_wall = sum(walls[t] for t in snapshots)
        # The median member, not member-01: the first trial in a JVM also pays JIT compilation.
        baseline_wall = statistics.median(walls[t] for t in members)
        self.add("snapshot ensemble of 10, training time", snap_wall, "s",
                 f"true ensemble of {len(members)}", true_wall)
        self.add("snapshot ensemble of 10, training time", snap_wall, "s", "one baseline run (median member)",
                 baseline_wall)
        rows = {}
        with open(os.path.join(base, "comparison.csv")) as f:
            for row in csv.DictReader(f):
                rows[(row["strategy"], row["combiner"])] = float(row["accuracy"])
        snap = max(v for (s, _), v in rows.items() if s == "snapshots")
        true = max(v for (s, _), v in rows.items() if s == "true")
        single = max(v for (s, _), v in rows.items() if s == "single")
        self.add("snapshot ensemble of 10, best test accuracy", snap, "accuracy", "true ensemble of 10", true)
        self.add("snapshot ensemble of 10, best test accuracy", snap, "accuracy", "one baseline run", single)

    def memory(self):
        conf = os.path.join(ROOT, "conf", "bench", "memory.yaml")
        peaks = {}
        for slots in (1, 2):
            out = os.path.join(self.out, f"memory-{slots}")
            shutil.rmtree(out, ignore_errors=True)
            _, peaks[slots] = self.troupe(f"memory-{slots}-slots", "sweep", conf, "--out", out,
                                          "--master", "local[2]", "--set", f"spark.slots={slots}")
        self.add("peak JVM resident memory, 2 concurrent trials", peaks[2], "MB", "1 trial at a time", peaks[1],
                 target="<= 1.3x")

    def mllib(self):
        conf = os.path.join(ROOT, "conf", "bench", "mllib-grid.yaml")
        out = os.path.join(self.out, "mllib")
        # The whole training part: on the 10,000-row subset the two tie on test accuracy within noise.
        self.troupe("mllib", "bench-mllib", conf, "--out", out, "--set", "data.subset.train=null")
        with open(os.path.join(out, "bench-mllib.json")) as f:
            for figure in json.load(f):
                figure.setdefault("target", None)
                self.figures.append(figure)

    def store(self):
        raw = os.path.join(self.raw, "store.json")
        self.run("store", [STORE, raw])
        m = self.json_of("store")
        med = statistics.median
        for fs in ("hdfs", "s3a"):
            self.add(f"record write latency, {fs}", med(m[f"{fs}_record_write_ms"]), "ms", "local disk",
                     med(m["local_record_write_ms"]))
            # The store writes records off the dispatch path: what a slow store may add per trial.
            self.add(f"dispatch overhead per trial, {fs}", med(m[f"{fs}_dispatch_ms_per_trial"]), "ms", "local disk",
                     med(m["local_dispatch_ms_per_trial"]), target="within 20 ms of local disk")
        for fs in ("local", "hdfs"):
            self.add(f"open a 10,000-trial run for --resume after a crash, {fs}",
                     med(m[f"{fs}_open_10k_after_crash_s"]), "s", "-", None, target="<= 5 s")


def torch_python():
    """A python3 whose torch does its GEMMs in a real BLAS, or None (the trainer figures then have no
    peer); the reason is kept in PEER_MISSING."""
    global PEER_MISSING
    check = ("import sys; sys.path.insert(0, %r); import torch, peer_env; "
             "sys.exit(3 if peer_env.is_reference(peer_env.loaded_blas()) else 0)" % os.path.join(ROOT, "deploy", "bench"))
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate:
            code = subprocess.run([candidate, "-c", check], capture_output=True).returncode
            if code == 0:
                return candidate
            if code == 3:
                PEER_MISSING = "PyTorch (on the reference BLAS here: apt-get install libopenblas0-pthread)"
    return None


PEER_MISSING = "PyTorch (not installed: apt-get install python3-torch)"


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fmt(v):
    if v is None or (isinstance(v, float) and v != v):
        return "-"
    return f"{v:,.4g}" if abs(v) < 10 else f"{v:,.0f}"


def main(argv):
    p = argparse.ArgumentParser(prog="deploy/troupe bench", description=__doc__.split("\n")[0])
    p.add_argument("--out", default=os.path.join("out", "bench"), help="directory for bench.json and raw outputs")
    p.add_argument("--only", default=",".join(FIGURES), help="comma-separated figures: " + ", ".join(FIGURES))
    p.add_argument("--epochs", type=int, default=3, help="epochs per timed run (throughput, cnn, scaling)")
    p.add_argument("--cnn-rows", type=int, default=10000, help="training rows per epoch of the cnn figure")
    p.add_argument("--repeats", type=int, default=3,
                   help="side-by-side repeats of the trainer figures (throughput, cnn); their spread is reported")
    try:
        a = p.parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else 2
    wanted = [f.strip() for f in a.only.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FIGURES]
    if unknown or a.epochs < 1 or a.cnn_rows < 2 or a.repeats < 1:
        print(f"bench: --only: unknown figure(s) {', '.join(unknown)}; expected some of {', '.join(FIGURES)}"
              if unknown else "bench: --epochs: expected an integer >= 1" if a.epochs < 1
              else "bench: --cnn-rows: expected an integer >= 2" if a.cnn_rows < 2
              else "bench: --repeats: expected an integer >= 1", file=sys.stderr)
        return 2
    suite = Suite(a.out, a.epochs, a.cnn_rows, a.repeats)
    steps = [f for f in FIGURES if f in wanted and f != "dispatch"]
    if "dispatch" in wanted and "scaling" not in wanted:
        steps.insert(0, "scaling")  # dispatch overhead is measured in the scaling session
    started = time.monotonic()
    try:
        for step in steps:
            print(f"bench: {step}", file=sys.stderr, flush=True)
            getattr(suite, step)()
    except StepFailed as e:
        print(f"bench: {e}", file=sys.stderr)
        return 1
    finally:
        with open(os.path.join(suite.out, "bench.json"), "w") as f:
            json.dump(_nulls(suite.figures), f, indent=2, allow_nan=False)
            f.write("\n")
    width = max((len(f["name"]) for f in suite.figures), default=10)
    print(f"{'figure':<{width}}  {'troupe':>10}  {'peer':>10}  {'ratio':>7}  {'spread':>13}  unit / peer / target")
    for f in suite.figures:
        spread = f"{fmt(f['spread'][0])}-{fmt(f['spread'][1])} n={f['repeats']}" if f.get("spread") else "-"
        print(f"{f['name']:<{width}}  {fmt(f['value']):>10}  {fmt(f['peer_value']):>10}  {fmt(f['ratio']):>7}  "
              f"{spread:>13}  {f['unit']} / {f['peer']}" + (f" / target {f['target']}" if f.get("target") else ""))
    print(f"bench: {len(suite.figures)} figures in {time.monotonic() - started:.0f} s; "
          f"{os.path.join(suite.out, 'bench.json')}")
    return 0


def _nulls(figures):
    """JSON has no NaN: a value that could not be measured is written as null."""
    return [{k: (None if isinstance(v, float) and not (v == v and abs(v) != float("inf")) else v)
             for k, v in f.items()} for f in figures]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
