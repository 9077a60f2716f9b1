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
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from reference_io import print_weights, read_set, read_weights  # noqa: E402


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
