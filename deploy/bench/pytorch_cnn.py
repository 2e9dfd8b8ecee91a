#!/usr/bin/env python3
"""PyTorch peer for Troupe's CNN trainer throughput figure (the suite's `cnn` figure).

Trains the same CNN as conf/examples/fashion-cnn.yaml builds in Troupe (io.troupe.model.ModelFactory)
on the CPU with a fixed number of threads, and prints one JSON object with the same keys as
pytorch_mlp.py: samples/s of the training loop (the span Troupe times: batch assembly with its
augmentation, forward, backward, update), per epoch and as the median.

The network, input 1x28x28 pixels / 255:
  conv 3x3, 1->32, stride 1, same padding (1), bias -> batch norm -> ReLU -> max pool 2x2 stride 2
  conv 3x3, 32->64, stride 1, same padding (1), bias -> batch norm -> ReLU -> max pool 2x2 stride 2
  flatten 64x7x7 = 3136 -> dropout 0.25 -> dense 128 -> batch norm -> ReLU -> dropout 0.25 -> dense 10
  softmax cross-entropy (mean over the batch)
He init N(0, 2/fanIn) on every conv and dense layer (the output layer too), zero biases; batch norm
eps 1e-5, momentum 0.1 (DL4J's decay 0.9); Adam lr 1e-3, betas (0.9, 0.999), eps 1e-8, no L2; the
step schedule (x0.3 every 5 epochs). Augmentation as Troupe's ImageAugmenter, on the raw bytes before
scaling: a left-right mirror with probability 1/2 and a shift of up to --max-shift pixels in x and y,
filled with 0.

Usage: pytorch_cnn.py --data DIR --batch 128 --threads 1 --epochs 3 [--train-rows N] [--max-shift 2]
                      [--no-flip] [--warmup-batches 10]
"""
import argparse
import json
import os
import statistics
import sys
import time

from pytorch_mlp import read_idx


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="directory with the Fashion-MNIST IDX .gz files")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--train-rows", type=int, default=54000, help="rows trained per epoch (Troupe's training part)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--max-shift", type=int, default=2, help="train.augment.maxShift (0: no shift)")
    p.add_argument("--no-flip", dest="flip", action="store_false", help="no train.augment.horizontalFlip")
    p.add_argument("--warmup-batches", type=int, default=10,
                   help="batches trained before the timed epochs (Troupe discards a warm-up run)")
    a = p.parse_args()
    # As pytorch_mlp.py: Debian's pthreads OpenBLAS (the dense layers' GEMMs) starts a thread per core
    # unless told at load time; torch.set_num_threads covers the OpenMP pool (oneDNN's convolutions).
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(a.threads)
    try:
        import numpy as np
        import torch
        import torch.nn.functional as F
    except ImportError as e:
        print(f"pytorch_cnn: {e}; install Debian's python3-torch", file=sys.stderr)
        return 2
    import peer_env
    refused = peer_env.ready("pytorch_cnn")
    if refused:
        print(refused, file=sys.stderr)
        return 2
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images, shape = read_idx(f"{a.data}/train-images-idx3-ubyte.gz")
    labels, _ = read_idx(f"{a.data}/train-labels-idx1-ubyte.gz")
    height, width = shape[1], shape[2]
    x_all = np.frombuffer(images, dtype=np.uint8).reshape(shape[0], height, width)[: a.train_rows]
    y_all = torch.from_numpy(np.frombuffer(labels, dtype=np.uint8)[: a.train_rows].astype(np.int64))
    x_bytes = torch.from_numpy(x_all.copy())

    def block(c_in, c_out):
        return [torch.nn.Conv2d(c_in, c_out, 3, stride=1, padding=1),
                torch.nn.BatchNorm2d(c_out, eps=1e-5, momentum=0.1), torch.nn.ReLU(), torch.nn.MaxPool2d(2, 2)]
    flat = 64 * (height // 4) * (width // 4)
    model = torch.nn.Sequential(
        *block(1, 32), *block(32, 64), torch.nn.Flatten(),
        torch.nn.Dropout(0.25), torch.nn.Linear(flat, 128), torch.nn.BatchNorm1d(128, eps=1e-5, momentum=0.1),
        torch.nn.ReLU(), torch.nn.Dropout(0.25), torch.nn.Linear(128, 10))
    for m in model:
        if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d)):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            torch.nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
    schedule = torch.optim.lr_scheduler.StepLR(opt, step_size=5, gamma=0.3)
    loss_fn = torch.nn.CrossEntropyLoss()

    s = a.max_shift
    ys, xs = torch.arange(height), torch.arange(width)
    mirrored = width - 1 - xs

    def batch_of(idx):
        """Batch assembly from bytes each step, as Troupe does: gather, augment, cast, scale to [0, 1]."""
        raw = x_bytes[idx]
        n = raw.shape[0]
        if a.flip or s > 0:
            # dst[y, x] = src[y - dy, (mirror ? W-1-x : x) - dx], 0 outside: ImageAugmenter's mapping.
            mirror = torch.randint(0, 2, (n,), dtype=torch.bool) if a.flip else torch.zeros(n, dtype=torch.bool)
            dx = torch.randint(-s, s + 1, (n,)) if s > 0 else torch.zeros(n, dtype=torch.long)
            dy = torch.randint(-s, s + 1, (n,)) if s > 0 else torch.zeros(n, dtype=torch.long)
            padded = F.pad(raw, (s, s, s, s)) if s > 0 else raw
            cols = torch.where(mirror[:, None], mirrored, xs) - dx[:, None] + s
            rows = ys[None, :] - dy[:, None] + s
            raw = padded[torch.arange(n)[:, None, None], rows[:, :, None], cols[:, None, :]]
        return raw.unsqueeze(1).to(torch.float32).mul_(1.0 / 255.0), y_all[idx]

    def step(idx):
        xb, yb = batch_of(idx)
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        return loss

    n = x_bytes.shape[0]
    # Batch norm cannot train on a batch of one row (DL4J would); such a last row is left out.
    trained = n - 1 if n % a.batch == 1 else n
    model.train()
    warm = torch.randperm(n)
    for b in range(a.warmup_batches):
        idx = warm[(b * a.batch) % n:][: a.batch]
        if idx.shape[0] > 1:
            step(idx)
    rates = []
    loss = None
    for epoch in range(a.epochs):
        order = torch.randperm(n)
        start = time.perf_counter()
        for i in range(0, trained, a.batch):
            loss = step(order[i:min(i + a.batch, trained)])
        rates.append(trained / (time.perf_counter() - start))
        schedule.step()
    print(json.dumps({
        "peer": f"PyTorch {torch.__version__} CPU",
        "blas": peer_env.loaded_blas(),
        "batch": a.batch, "threads": a.threads, "rows": trained,
        "samples_per_second": statistics.median(rates),
        "epochs": [round(r, 1) for r in rates],
        "final_loss": float(loss.item()) if loss is not None else float("nan"),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
