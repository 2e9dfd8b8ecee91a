#!/usr/bin/env python3
"""Optuna's peer figures for Troupe's search benchmark (deploy/troupe bench-search).

Runs Optuna 3.1's TPESampler (multivariate=True, and its default independent mode) and its
RandomSampler on the benchmark functions that Troupe's io.troupe.search.bench.TestFunctions
defines (the same formulas, domains and optima; BenchSearchCommandTest checks both agree at fixed
points), with seeds 0..N-1 and sequential trials, and writes each run's simple regret after 50
and 100 trials, and their medians, as JSON for bench-search to read: regret = the noiseless value
at the trial with the best observed value, minus the known minimum. The noise of branin-noisy
comes from Python's random.Random(seed): the same distribution as Troupe's, other draws.

    deploy/bench/optuna_search.py --out out/optuna-search.json [--seeds 100]
    deploy/bench/optuna_search.py --values      (the functions at fixed points as JSON; needs no optuna)

Needs Optuna 3.1 and numpy: Debian's `apt-get install python3-optuna` (for /usr/bin/python3; when
another python3 comes first on PATH and lacks optuna, this script re-runs itself under
/usr/bin/python3). Exit codes: 0 done, 2 bad arguments or optuna missing.
"""
import argparse
import json
import math
import os
import random
import statistics
import sys
import time
import warnings

BUDGETS = [50, 100]
SYSTEM_PYTHON = "/usr/bin/python3"


def branin(p):
    x1, x2 = p["x1"], p["x2"]
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [[10, 3, 17, 3.5, 1.7, 8],
              [0.05, 10, 17, 0.1, 8, 14],
              [3, 3.5, 1.7, 10, 17, 8],
              [17, 8, 0.05, 10, 0.1, 14]]
HARTMANN_P = [[1312, 1696, 5569, 124, 8283, 5886],
              [2329, 4135, 8307, 3736, 1004, 9991],
              [2348, 1451, 3522, 2883, 3047, 6650],
              [4047, 8828, 8732, 5743, 1091, 381]]


def hartmann6(p):
    x = [p["x%d" % (j + 1)] for j in range(6)]
    total = 0.0
    for i in range(4):
        inner = sum(HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j] * 1e-4) ** 2 for j in range(6))
        total += HARTMANN_ALPHA[i] * math.exp(-inner)
    return -total


def rosenbrock_log10(p):
    x = [math.log10(p["u%d" % i]) for i in range(10)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(9))


# name -> (function, domains as (kind, low, high) in sorted name order, known minimum, noise sd)
FUNCTIONS = {
    "branin": (branin, {"x1": ("uniform", -5.0, 10.0), "x2": ("uniform", 0.0, 15.0)}, 5 / (4 * math.pi), 0.0),
    "hartmann6": (hartmann6, {"x%d" % (j + 1): ("uniform", 0.0, 1.0) for j in range(6)}, -3.322368011415511, 0.0),
    "rosenbrock10-log": (rosenbrock_log10, {"u%d" % i: ("logUniform", 0.01, 100.0) for i in range(10)}, 0.0, 0.0),
    "branin-noisy": (branin, {"x1": ("uniform", -5.0, 10.0), "x2": ("uniform", 0.0, 15.0)}, 5 / (4 * math.pi), 1.0),
}

# Fixed points BenchSearchCommandTest evaluates on the Java side too.
CHECK_POINTS = {
    "branin": [{"x1": -math.pi, "x2": 12.275}, {"x1": 0.0, "x2": 0.0}, {"x1": 10.0, "x2": 15.0}, {"x1": 2.5, "x2": 7.5}],
    "hartmann6": [{"x1": 0.20169, "x2": 0.150011, "x3": 0.476874, "x4": 0.275332, "x5": 0.311652, "x6": 0.6573},
                  {"x%d" % (j + 1): 0.5 for j in range(6)},
                  {"x%d" % (j + 1): 0.1 * (j + 1) for j in range(6)}],
    "rosenbrock10-log": [{"u%d" % i: 10.0 for i in range(10)}, {"u%d" % i: 1.0 for i in range(10)},
                         {"u%d" % i: 10.0 ** (-2 + 0.4 * i) for i in range(10)}],
}

SAMPLERS = ["random", "tpe", "tpe_multivariate"]


def values():
    return {name: [{"point": p, "value": FUNCTIONS[name][0](p)} for p in points] for name, points in CHECK_POINTS.items()}


def load_optuna():
    try:
        import optuna
        return optuna
    except ImportError:
        if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and os.path.exists(SYSTEM_PYTHON):
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
        print("optuna_search.py: Optuna is not installed for %s; install Debian's: apt-get install python3-optuna"
              % sys.executable, file=sys.stderr)
        sys.exit(2)


def sampler(optuna, name, seed):
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    return optuna.samplers.TPESampler(seed=seed, multivariate=(name == "tpe_multivariate"))


def run(optuna, function, name, seed):
    """Regret after each budget: the noiseless value where the observed (noisy) one was best, minus the minimum."""
    f, space, minimum, noise_sd = FUNCTIONS[function]
    noise = random.Random(seed)
    study = optuna.create_study(direction="minimize", sampler=sampler(optuna, name, seed))
    best_observed = math.inf
    best_true = math.inf
    regrets = {}

    def objective(trial):
        p = {k: trial.suggest_float(k, lo, hi, log=(kind == "logUniform")) for k, (kind, lo, hi) in space.items()}
        true = f(p)
        trial.set_user_attr("true", true)
        return true + (noise.gauss(0, noise_sd) if noise_sd else 0.0)

    for t in range(1, max(BUDGETS) + 1):
        study.optimize(objective, n_trials=1)
        last = study.trials[-1]
        if last.value < best_observed:
            best_observed, best_true = last.value, last.user_attrs["true"]
        if t in BUDGETS:
            regrets[str(t)] = best_true - minimum
    return regrets


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="the JSON file to write")
    ap.add_argument("--seeds", type=int, default=100, help="seeds 0..N-1 per function and sampler (default 100)")
    ap.add_argument("--values", action="store_true", help="print the functions at fixed points and exit")
    a = ap.parse_args()
    if a.values:
        print(json.dumps(values()))
        return
    if not a.out:
        ap.error("--out is required")
    if a.seeds < 1:
        ap.error("--seeds must be >= 1")
    optuna = load_optuna()
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    result = {"optuna_version": optuna.__version__, "seeds": a.seeds, "budgets": BUDGETS, "functions": {}}
    for function in FUNCTIONS:
        per_sampler = {}
        for name in SAMPLERS:
            start = time.time()
            runs = [run(optuna, function, name, seed) for seed in range(a.seeds)]
            per_sampler[name] = {str(b): [r[str(b)] for r in runs] for b in BUDGETS}
            per_sampler[name]["median"] = {str(b): statistics.median(per_sampler[name][str(b)]) for b in BUDGETS}
            print("%-17s %-17s median regret %s  (%.0f s)" % (function, name, "  ".join(
                "%d: %.4g" % (b, per_sampler[name]["median"][str(b)]) for b in BUDGETS),
                time.time() - start), file=sys.stderr)
        result["functions"][function] = per_sampler
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as fh:
        json.dump(result, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
