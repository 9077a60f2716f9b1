#!/usr/bin/env python3
"""Chapter 11's models, computed independently with numpy, one step at a time.

    reference.py grad   WEIGHTS TEXT K T    > gradients.txt
    reference.py bigram TEXT                (the bigram counts' validation loss, nats)
    reference.py greedy WEIGHTS TEXT PROMPT N   (N characters, always the likeliest, after PROMPT)

TEXT is the fortunes' directory (its files without a '.' in their name, in
name order, joined) or one file; it is split at its lines holding only '%'
(piece k is validation when k % 10 == 9), or, without such lines, its last
tenth is validation. The vocabulary is the distinct bytes, sorted. WEIGHTS
holds a tanh RNN (Wxh, Whh, bh, Why, by) or an LSTM (Wx, Wh, b, Why, by; gates
[i | f | g | o]). `grad` prints the gradient of the mean cross-entropy over the
K sequences of T characters at training offsets 0, T, 2T, ..., each from a
zero state, each character predicting the next, by explicit loops over time:
the forward pass step by step, then backpropagation through time step by step.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from reference_io import bigram_loss, load_text, print_params, read_params  # noqa: E402


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def grad_rnn(P, X, Y):
    Wxh, Whh, bh, Why, by = P
    K, T = X.shape
    H = Whh.shape[0]
    h = [np.zeros((K, H))]
    for t in range(T):
        h.append(np.tanh(Wxh[X[:, t]] + h[-1] @ Whh + bh))
    G = [np.zeros_like(p) for p in P]
    dnext = np.zeros((K, H))
    for t in reversed(range(T)):
        z = h[t + 1] @ Why + by
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(K), Y[:, t]] -= 1
        dz = p / (K * T)
        G[3] += h[t + 1].T @ dz
        G[4] += dz.sum(axis=0, keepdims=True)
        dh = dz @ Why.T + dnext
        da = dh * (1 - h[t + 1] ** 2)
        G[1] += h[t].T @ da
        G[2] += da.sum(axis=0, keepdims=True)
        np.add.at(G[0], X[:, t], da)
        dnext = da @ Whh.T
    return G


def grad_lstm(P, X, Y):
    Wx, Wh, b, Why, by = P
    K, T = X.shape
    H = Wh.shape[0]
    h, c, gates = [np.zeros((K, H))], [np.zeros((K, H))], []
    for t in range(T):
        a = Wx[X[:, t]] + h[-1] @ Wh + b
        i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), sigmoid(a[:, 3 * H:])
        gates.append((i, f, g, o))
        c.append(f * c[-1] + i * g)
        h.append(o * np.tanh(c[-1]))
    G = [np.zeros_like(p) for p in P]
    dh_next, dc_next = np.zeros((K, H)), np.zeros((K, H))
    for t in reversed(range(T)):
        z = h[t + 1] @ Why + by
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(K), Y[:, t]] -= 1
        dz = p / (K * T)
        G[3] += h[t + 1].T @ dz
        G[4] += dz.sum(axis=0, keepdims=True)
        dh = dz @ Why.T + dh_next
        i, f, g, o = gates[t]
        tc = np.tanh(c[t + 1])
        dc = dc_next + dh * o * (1 - tc ** 2)
        da = np.concatenate([dc * g * i * (1 - i), dc * c[t] * f * (1 - f), dc * i * (1 - g ** 2),
                             dh * tc * o * (1 - o)], axis=1)
        G[1] += h[t].T @ da
        G[2] += da.sum(axis=0, keepdims=True)
        np.add.at(G[0], X[:, t], da)
        dh_next = da @ Wh.T
        dc_next = dc * f
    return G


def step(named, P, x, h, c):
    """One step of either cell for one stream: the new h, c and the logits."""
    if named[0][0] == "Wx":
        Wx, Wh, b, Why, by = P
        H = Wh.shape[0]
        a = Wx[x] + h @ Wh + b[0]
        i, f, g, o = sigmoid(a[:H]), sigmoid(a[H:2 * H]), np.tanh(a[2 * H:3 * H]), sigmoid(a[3 * H:])
        c = f * c + i * g
        h = o * np.tanh(c)
    else:
        Wxh, Whh, bh, Why, by = P
        h = np.tanh(Wxh[x] + h @ Whh + bh[0])
    return h, c, h @ Why + by[0]


def main():
    if sys.argv[1] == "greedy":
        named = read_params(sys.argv[2])
        P = [m for _, m in named]
        _, _, vocab = load_text(sys.argv[3])
        idx = {b: i for i, b in enumerate(vocab)}
        H = P[1].shape[0]
        h, c, z = np.zeros(H), np.zeros(H), None
        for b in sys.argv[4].encode():
            h, c, z = step(named, P, idx[b], h, c)
        out = []
        for _ in range(int(sys.argv[5])):
            x = int(np.argmax(z))
            out.append(vocab[x])
            h, c, z = step(named, P, x, h, c)
        sys.stdout.buffer.write(bytes(out))
        return
    if sys.argv[1] == "bigram":
        train, val, vocab = load_text(sys.argv[2])
        print("%.4f" % bigram_loss(train, val, len(vocab)))
        return
    weights, text, K, T = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    named = read_params(weights)
    P = [m for _, m in named]
    train, _, _ = load_text(text)
    X = np.array([train[k * T:k * T + T] for k in range(K)])
    Y = np.array([train[k * T + 1:k * T + T + 1] for k in range(K)])
    G = grad_lstm(P, X, Y) if named[0][0] == "Wx" else grad_rnn(P, X, Y)
    print("# numpy: gradient of the mean cross-entropy over %d sequences of %d" % (K, T))
    print_params([(named[k][0], g) for k, g in enumerate(G)])


if __name__ == "__main__":
    main()
