#!/usr/bin/env python3
"""PyTorch peer for Troupe's trainer throughput figure.

Trains the same MLP as Troupe's benchmark (784-256-128-10, ReLU, He init, dropout 0.2 before the
hidden layers' successors, L2 1e-5, Adam lr 1e-3, unit-scaled Fashion-MNIST) on the CPU with a fixed
number of threads, and prints one JSON object: samples/s of the training loop (the same span
Troupe times: batch assembly, forward, backward, update), per epoch and as the median.

Usage: pytorch_mlp.py --data DIR --batch 128 --threads 1 --epochs 3 [--train-rows N]
"""
import argparse
import gzip
import json
import os
import statistics
import struct
import sys
import time


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic = struct.unpack(">I", raw[:4])[0]
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return raw[4 + 4 * dims:], shape


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="directory with the Fashion-MNIST IDX .gz files")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--train-rows", type=int, default=54000, help="rows trained per epoch (Troupe's training part)")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    # Debian's torch does its GEMMs in OpenBLAS, whose pthreads build starts a thread per core unless
    # told otherwise at load time; torch.set_num_threads alone does not reach it.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(a.threads)
    try:
        import numpy as np
        import torch
    except ImportError as e:
        print(f"pytorch_mlp: {e}; install Debian's python3-torch", file=sys.stderr)
        return 2
    import peer_env
    refused = peer_env.ready("pytorch_mlp")
    if refused:
        print(refused, file=sys.stderr)
        return 2
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images, shape = read_idx(f"{a.data}/train-images-idx3-ubyte.gz")
    labels, _ = read_idx(f"{a.data}/train-labels-idx1-ubyte.gz")
    x_all = np.frombuffer(images, dtype=np.uint8).reshape(shape[0], -1)[: a.train_rows]
    y_all = torch.from_numpy(np.frombuffer(labels, dtype=np.uint8)[: a.train_rows].astype(np.int64))
    x_bytes = torch.from_numpy(x_all.copy())

    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Dropout(0.2),
        torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Dropout(0.2),
        torch.nn.Linear(128, 10))
    for m in model:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            torch.nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x_bytes.shape[0]
    rates = []
    model.train()
    for epoch in range(a.epochs):
        order = torch.randperm(n)
        start = time.perf_counter()
        for i in range(0, n, a.batch):
            idx = order[i:i + a.batch]
            # Batch assembly from bytes each step, as Troupe does: gather, cast, scale to [0, 1].
            xb = x_bytes[idx].to(torch.float32).mul_(1.0 / 255.0)
            yb = y_all[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
        rates.append(n / (time.perf_counter() - start))
    print(json.dumps({
        "peer": f"PyTorch {torch.__version__} CPU",
        "blas": peer_env.loaded_blas(),
        "batch": a.batch, "threads": a.threads, "rows": n,
        "samples_per_second": statistics.median(rates),
        "epochs": [round(r, 1) for r in rates],
        "final_loss": float(loss.item()),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
