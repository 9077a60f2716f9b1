#!/usr/bin/env python3
"""Chapter 05's network and optimisers, computed independently with numpy.

    reference.py grad  WEIGHTS DATA_DIR N ACT WD                 > gradients.txt
    reference.py steps WEIGHTS DATA_DIR N BATCH ACT WD OPT LR    > weights.txt
    reference.py bench WEIGHTS DATA_DIR N BATCH ACT WD OPT LR    (prints samples/s)

Reads weights in the course's format (W1 b1 ... WL bL) and the first N
training images of DATA_DIR (IDX, .gz or plain). Hidden units ACT (sigmoid,
tanh or relu), softmax output, mean cross-entropy plus WD/2 times the sum of
the squared weights. `grad` prints the gradient over the N images; `steps`
takes one optimiser step per batch of BATCH images in file order (sgd,
momentum 0.9, or adam 0.9/0.999/1e-8) and prints the weights; `bench` times
those steps. No dropout: its masks come from the C program's generator.
"""
import gzip
import os
import sys
import time

import numpy as np


def read_weights(path):
    lines = [l.split() for l in open(path) if l.strip() and not l.startswith("#")]
    mats, i = [], 0
    while i < len(lines):
        rows, cols = int(lines[i][1]), int(lines[i][2])
        mats.append(np.array([[float(v) for v in lines[i + 1 + r]] for r in range(rows)]).reshape(rows, cols))
        i += 1 + rows
    return mats[0::2], mats[1::2]


def print_weights(W, b):
    for l in range(len(W)):
        for name, m in (("W%d" % (l + 1), W[l]), ("b%d" % (l + 1), b[l])):
            print(name, *m.shape)
            for row in m:
                print(" ".join("%.17g" % v for v in row))


def read_idx(path, n):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    ndims = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * d:8 + 4 * d], "big") for d in range(ndims)]
    item = int(np.prod(dims[1:])) if ndims > 1 else 1
    start = 4 + 4 * ndims
    return np.frombuffer(raw[start:start + n * item], dtype=np.uint8).reshape([n] + dims[1:])


def read_set(directory, n):
    def path(kind):
        p = os.path.join(directory, "train-%s-ubyte" % kind)
        return p if os.path.exists(p) else p + ".gz"
    return read_idx(path("images-idx3"), n).reshape(n, -1) / 255.0, read_idx(path("labels-idx1"), n).astype(int)


ACT = {
    "sigmoid": (lambda z: 1.0 / (1.0 + np.exp(-z)), lambda z, a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda z, a: 1.0 - a * a),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(float)),
}


def gradients(W, b, X, y, act, wd):
    """The gradient of the mean cross-entropy plus wd/2 |W|^2 over the rows of X."""
    f, slope = ACT[act]
    Z, A = [], [X]
    for l in range(len(W)):
        Z.append(A[-1] @ W[l] + b[l])
        if l < len(W) - 1:
            A.append(f(Z[-1]))
        else:
            E = np.exp(Z[-1] - Z[-1].max(axis=1, keepdims=True))
            A.append(E / E.sum(axis=1, keepdims=True))
    T = np.zeros_like(A[-1])
    T[np.arange(len(y)), y] = 1.0
    dZ = (A[-1] - T) / len(y)
    dW, db = [None] * len(W), [None] * len(W)
    for l in reversed(range(len(W))):
        dW[l] = A[l].T @ dZ + wd * W[l]
        db[l] = dZ.sum(axis=0, keepdims=True)
        if l > 0:
            dZ = (dZ @ W[l].T) * slope(Z[l - 1], A[l])
    return dW, db


def steps(W, b, X, y, batch, act, wd, opt, lr):
    params = W + b
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for t, start in enumerate(range(0, len(y), batch), 1):
        dW, db = gradients(W, b, X[start:start + batch], y[start:start + batch], act, wd)
        for p, g, mi, vi in zip(params, dW + db, m, v):
            if opt == "sgd":
                p -= lr * g
            elif opt == "momentum":
                vi[...] = 0.9 * vi + g
                p -= lr * vi
            else:
                mi[...] = 0.9 * mi + (1 - 0.9) * g
                vi[...] = 0.999 * vi + (1 - 0.999) * g * g
                p -= lr * (mi / (1 - 0.9 ** t)) / (np.sqrt(vi / (1 - 0.999 ** t)) + 1e-8)


def main():
    mode, weights, directory, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    W, b = read_weights(weights)
    X, y = read_set(directory, n)
    if mode == "grad":
        print_weights(*gradients(W, b, X, y, sys.argv[5], float(sys.argv[6])))
        return
    batch, act, wd, opt, lr = int(sys.argv[5]), sys.argv[6], float(sys.argv[7]), sys.argv[8], float(sys.argv[9])
    if mode == "steps":
        steps(W, b, X, y, batch, act, wd, opt, lr)
        print_weights(W, b)
    elif mode == "bench":
        t = time.perf_counter()
        steps(W, b, X, y, batch, act, wd, opt, lr)
        print("%.0f" % (n / (time.perf_counter() - t)))
    else:
        sys.exit("reference.py: unknown mode %r (grad, steps or bench)" % mode)


if __name__ == "__main__":
    main()
