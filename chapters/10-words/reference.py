#!/usr/bin/env python3
"""Chapter 10's model, computed independently with numpy.

    reference.py grad   WEIGHTS WORDS N     > gradients.txt
    reference.py bench  WEIGHTS WORDS N BATCH   (prints examples/s of one epoch of Adam, in file order)
    reference.py bigram WORDS                (the counting model's training and validation loss)

Reads the weights (C, W1, b1, W2, b2 in the course's format; the context is
W1's rows over C's columns) and the word list WORDS: its words of lowercase
letters a-z, word i for training unless i % 10 is 8 or 9. The examples are each
training word's contexts in order (a word's first context all '.', id 0) and
the character that follows, the end '.' last; the first N of them. `grad`
prints the gradient of the mean cross-entropy over them, as on the chapter
page: E = embed(C, x), A = tanh(E W1 + b1), Z = A W2 + b2, softmax.
"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from reference_io import print_params, read_params  # noqa: E402


def examples(path, context, n):
    words = [w.rstrip("\r\n") for w in open(path)]
    words = [w for w in words if 0 < len(w) <= 40 and all("a" <= c <= "z" for c in w)]
    X, Y = [], []
    for i, w in enumerate(words):
        if i % 10 in (8, 9):
            continue
        ctx = [0] * context
        for c in w + ".":
            X.append(list(ctx))
            Y.append(0 if c == "." else ord(c) - 96)
            ctx = ctx[1:] + [Y[-1]]
        if len(X) >= n:
            break
    return np.array(X[:n]), np.array(Y[:n])


def gradient(P, X, Y):
    C, W1, b1, W2, b2 = (P[k][1] for k in range(5))
    B, N = X.shape
    E = C[X].reshape(B, -1)
    A = np.tanh(E @ W1 + b1)
    Z = A @ W2 + b2
    Z = Z - Z.max(axis=1, keepdims=True)
    Yh = np.exp(Z)
    Yh /= Yh.sum(axis=1, keepdims=True)
    dZ = Yh
    dZ[np.arange(B), Y] -= 1
    dZ /= B
    dW2, db2 = A.T @ dZ, dZ.sum(axis=0, keepdims=True)
    dP = (dZ @ W2.T) * (1 - A * A)
    dW1, db1 = E.T @ dP, dP.sum(axis=0, keepdims=True)
    dE = (dP @ W1.T).reshape(B, N, -1)
    dC = np.zeros_like(C)
    np.add.at(dC, X, dE)
    return [dC, dW1, db1, dW2, db2]


def bigram(path):
    """Add-one bigram counts of the training words; the mean -log P on training and validation pairs."""
    words = [w.rstrip("\r\n") for w in open(path)]
    words = [w for w in words if 0 < len(w) <= 40 and all("a" <= c <= "z" for c in w)]
    def pairs(keep):
        for i, w in enumerate(words):
            if keep(i % 10):
                s = [0] + [ord(c) - 96 for c in w] + [0]
                yield from zip(s, s[1:])
    N = np.ones((27, 27))
    for a, b in pairs(lambda r: r < 8):
        N[a, b] += 1
    P = N / N.sum(axis=1, keepdims=True)
    loss = [np.mean([-np.log(P[a, b]) for a, b in pairs(keep)]) for keep in (lambda r: r < 8, lambda r: r == 8)]
    print("%.4f %.4f" % tuple(loss))


def main():
    if sys.argv[1] == "bigram":
        return bigram(sys.argv[2])
    mode, weights, words, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    P = read_params(weights)
    X, Y = examples(words, P[1][1].shape[0] // P[0][1].shape[1], n)
    if mode == "grad":
        print("# numpy: gradient of the mean cross-entropy over the first %d training examples" % len(X))
        print_params([(P[k][0], g) for k, g in enumerate(gradient(P, X, Y))])
    elif mode == "bench":
        batch, m, v = int(sys.argv[5]), [0] * 5, [0] * 5
        t0 = time.perf_counter()
        for t, s in enumerate(range(0, len(X), batch), 1):
            G = gradient(P, X[s:s + batch], Y[s:s + batch])
            for k in range(5):
                m[k] = 0.9 * m[k] + 0.1 * G[k]
                v[k] = 0.999 * v[k] + 0.001 * G[k] * G[k]
                P[k][1][...] -= 0.003 * (m[k] / (1 - 0.9 ** t)) / (np.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8)
        print("%.0f" % (len(X) / (time.perf_counter() - t0)))


if __name__ == "__main__":
    main()
