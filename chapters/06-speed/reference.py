#!/usr/bin/env python3
"""Chapter 06's race partners: the same training epoch in numpy (float32) and PyTorch.

    reference.py epoch WEIGHTS DATA_DIR N BATCH LR   > weights.txt
    reference.py bench WEIGHTS DATA_DIR N BATCH LR   (prints samples/s of one epoch)
    reference.py torch WEIGHTS DATA_DIR N BATCH LR   (the same epoch in PyTorch, if installed)

Reads 784-H-10 weights in the course's format and the first N training images
of DATA_DIR, and runs one epoch of mini-batch SGD in file order on chapter 06's
network: ReLU hidden units, softmax output, mean cross-entropy. Everything is
float32, as the C program's fast run. Run it with OPENBLAS_NUM_THREADS=1 (and
OMP_NUM_THREADS=1) for one thread, as chapter 06's comparison does.
"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from reference_io import print_weights, read_set, read_weights  # noqa: E402


def step(W1, b1, W2, b2, X, y, lr):
    H = np.maximum(X @ W1 + b1, 0)
    Z = H @ W2 + b2
    Z -= Z.max(axis=1, keepdims=True)
    Y = np.exp(Z)
    Y /= Y.sum(axis=1, keepdims=True)
    Y[np.arange(len(y)), y] -= 1
    dZ = Y / np.float32(len(y))
    dH = (dZ @ W2.T) * (H > 0)
    W2 -= lr * (H.T @ dZ)
    b2 -= lr * dZ.sum(axis=0, keepdims=True)
    W1 -= lr * (X.T @ dH)
    b1 -= lr * dH.sum(axis=0, keepdims=True)


def epoch(params, X, y, batch, lr):
    """One epoch in file order; returns samples per second."""
    t = time.perf_counter()
    for start in range(0, len(y), batch):
        step(*params, X[start:start + batch], y[start:start + batch], lr)
    return len(y) / (time.perf_counter() - t)


def torch_epoch(params, X, y, batch, lr):
    """The same epoch in PyTorch, float32, one thread, its autograd: samples per second."""
    import torch
    torch.set_num_threads(1)
    P = [torch.tensor(m, requires_grad=True) for m in params]
    X, y = torch.tensor(X), torch.tensor(y, dtype=torch.long)
    t = time.perf_counter()
    for start in range(0, len(y), batch):
        H = torch.relu(X[start:start + batch] @ P[0] + P[1])
        loss = torch.nn.functional.cross_entropy(H @ P[2] + P[3], y[start:start + batch])
        for p in P:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in P:
                p -= lr * p.grad
    return len(y) / (time.perf_counter() - t)


def main():
    mode, weights, directory, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    batch, lr = int(sys.argv[5]), np.float32(sys.argv[6])
    W, b = read_weights(weights)
    if len(W) != 2:
        sys.exit("reference.py: %s: chapter 06's network has one hidden layer" % weights)
    params = [m.astype(np.float32) for pair in zip(W, b) for m in pair]
    X, y = read_set(directory, n)
    X = X.astype(np.float32)
    if mode == "epoch":
        epoch(params, X, y, batch, lr)
        print_weights([params[0], params[2]], [params[1], params[3]])
    elif mode == "bench":
        print("%.0f" % epoch(params, X, y, batch, lr))
    elif mode == "torch":
        print("%.0f" % torch_epoch(params, X, y, batch, lr))
    else:
        sys.exit("reference.py: unknown mode %r (epoch, bench or torch)" % mode)


if __name__ == "__main__":
    main()
