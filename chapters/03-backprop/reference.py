#!/usr/bin/env python3
"""Chapter 03's gradients, computed independently with numpy.

    python3 reference.py WEIGHTS DATA > gradients.txt

Reads weights in the course's format (W1 b1 ... WL bL) and a CSV data file
(inputs, then as many targets as the last layer has outputs), and prints
dE/dW_l and dE/db_l for E = 1/2 sum (y - t)^2 over the whole file, in the
same format, from the formulas of the chapter written with numpy.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from reference_io import print_weights, read_weights  # noqa: E402


def main():
    W, b = read_weights(sys.argv[1])
    data = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1, ndmin=2)
    n_out = W[-1].shape[1]
    X, T = data[:, :-n_out], data[:, -n_out:]
    A = [X]
    for Wl, bl in zip(W, b):
        A.append(1.0 / (1.0 + np.exp(-(A[-1] @ Wl + bl))))
    dA = A[-1] - T
    dW, db = [None] * len(W), [None] * len(W)
    for l in reversed(range(len(W))):
        delta = dA * A[l + 1] * (1.0 - A[l + 1])
        dW[l] = A[l].T @ delta
        db[l] = delta.sum(axis=0, keepdims=True)
        dA = delta @ W[l].T
    print_weights(dW, db)


if __name__ == "__main__":
    main()
