#!/usr/bin/env python3
"""Chapter 04's network, computed independently with numpy.

    reference.py grad  WEIGHTS DATA_DIR N               > gradients.txt
    reference.py epoch WEIGHTS DATA_DIR N BATCH LR      > weights.txt
    reference.py bench WEIGHTS DATA_DIR N BATCH LR      (prints samples/s)
    reference.py torch WEIGHTS DATA_DIR N BATCH LR      (the same epoch in PyTorch, if installed)

Reads weights in the course's format (W1 b1 ... WL bL) and the first N
training images of DATA_DIR (IDX files, .gz or plain). `grad` prints the
gradient of the mean cross-entropy over the N images; `epoch` runs one epoch
of mini-batch gradient descent in file order (the last batch may be smaller)
and prints the weights; `bench` times that epoch, `torch` the same epoch in
PyTorch (float64, one thread, its autograd). Hidden layers are sigmoid,
the output softmax, as on the chapter page.
"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from reference_io import print_weights, read_set, read_weights  # noqa: E402


def forward(W, b, X):
    A = [X]
    for l in range(len(W)):
        Z = A[-1] @ W[l] + b[l]
        if l < len(W) - 1:
            A.append(1.0 / (1.0 + np.exp(-Z)))
        else:
            Z = Z - Z.max(axis=1, keepdims=True)
            E = np.exp(Z)
            A.append(E / E.sum(axis=1, keepdims=True))
    return A


def gradients(W, b, X, y):
    """The gradient of the mean cross-entropy over the rows of X."""
    A = forward(W, b, X)
    T = np.zeros_like(A[-1])
    T[np.arange(len(y)), y] = 1.0
    dZ = (A[-1] - T) / len(y)
    dW, db = [None] * len(W), [None] * len(W)
    for l in reversed(range(len(W))):
        dW[l] = A[l].T @ dZ
        db[l] = dZ.sum(axis=0, keepdims=True)
        if l > 0:
            dZ = (dZ @ W[l].T) * A[l] * (1.0 - A[l])
    return dW, db


def epoch(W, b, X, y, batch, lr):
    for start in range(0, len(y), batch):
        dW, db = gradients(W, b, X[start:start + batch], y[start:start + batch])
        for l in range(len(W)):
            W[l] -= lr * dW[l]
            b[l] -= lr * db[l]


def torch_epoch(W, b, X, y, batch, lr):
    """One epoch in PyTorch, float64, one thread: samples per second."""
    import torch
    torch.set_num_threads(1)
    params = [torch.tensor(m, requires_grad=True) for pair in zip(W, b) for m in pair]
    X, y = torch.tensor(X), torch.tensor(y)
    t = time.perf_counter()
    for start in range(0, len(y), batch):
        A = X[start:start + batch]
        for l in range(0, len(params), 2):
            A = A @ params[l] + params[l + 1]
            if l < len(params) - 2:
                A = torch.sigmoid(A)
        loss = torch.nn.functional.cross_entropy(A, y[start:start + batch])
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
    return len(y) / (time.perf_counter() - t)


def main():
    mode, weights, directory, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    W, b = read_weights(weights)
    X, y = read_set(directory, n)
    if mode == "grad":
        print_weights(*gradients(W, b, X, y))
    elif mode == "epoch":
        epoch(W, b, X, y, int(sys.argv[5]), float(sys.argv[6]))
        print_weights(W, b)
    elif mode == "bench":
        t = time.perf_counter()
        epoch(W, b, X, y, int(sys.argv[5]), float(sys.argv[6]))
        print("%.0f" % (n / (time.perf_counter() - t)))
    elif mode == "torch":
        print("%.0f" % torch_epoch(W, b, X, y, int(sys.argv[5]), float(sys.argv[6])))
    else:
        sys.exit("reference.py: unknown mode %r (grad, epoch, bench or torch)" % mode)


if __name__ == "__main__":
    main()
