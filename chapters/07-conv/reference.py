#!/usr/bin/env python3
"""Chapter 07's network, computed independently with numpy (no deep-learning library).

    reference.py grad ARCH WEIGHTS DATA_DIR N     > gradients.txt
    reference.py torch ARCH WEIGHTS DATA_DIR N BATCH   (make bench: samples/s of one epoch in PyTorch)

Reads the --arch string, weights in the course's format (K1 b1 ... for
convolutions, W b for fully connected layers) and the first N training images
of DATA_DIR, and prints the gradient of the mean cross-entropy over the N
images. Convolutions are written with numpy's sliding windows, max-pooling
with the first maximum of each window winning, as on the chapter page.

`torch` is no reference: it times the program's training in PyTorch, when it
happens to be installed (the course never needs it), for make bench: one epoch
of the same network from the same weights, the same batches in file order,
Adam, float64, one thread; it prints training samples per second.
"""
import os
import time
import re
import sys

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from reference_io import print_weights, read_set, read_weights  # noqa: E402


def parse(arch):
    layers = []
    for tok in arch.split("-"):
        m = re.fullmatch(r"c(\d+)k(\d+)(s?)", tok)
        if m:
            k = int(m.group(2))
            layers.append(("conv", int(m.group(1)), k, (k - 1) // 2 if m.group(3) else 0))
        elif tok == "p2":
            layers.append(("pool",))
        else:
            layers.append(("fc", int(tok[1:])))
    return layers


def conv_forward(x, K, b, k, pad):
    """x: B x C x H x W; K: O x (C k k); returns y (B x O x H' x W') and the windows."""
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    win = sliding_window_view(xp, (k, k), axis=(2, 3))          # B x C x H' x W' x k x k
    Kr = K.reshape(K.shape[0], x.shape[1], k, k)
    y = np.einsum("bcijuv,ocuv->boij", win, Kr) + b.reshape(1, -1, 1, 1)
    return y, win


def conv_backward(x, K, win, dy, k, pad):
    B, C, H, W = x.shape
    dK = np.einsum("boij,bcijuv->ocuv", dy, win).reshape(K.shape)
    db = dy.sum(axis=(0, 2, 3)).reshape(1, -1)
    Kr = K.reshape(K.shape[0], C, k, k)
    dxp = np.zeros((B, C, H + 2 * pad, W + 2 * pad))
    Ho, Wo = dy.shape[2], dy.shape[3]
    for u in range(k):                                          # each kernel offset adds a shifted copy
        for v in range(k):
            dxp[:, :, u:u + Ho, v:v + Wo] += np.einsum("boij,oc->bcij", dy, Kr[:, :, u, v])
    return dK, db, dxp[:, :, pad:pad + H, pad:pad + W]


def pool_forward(x):
    B, C, H, W = x.shape
    w = x[:, :, :H // 2 * 2, :W // 2 * 2].reshape(B, C, H // 2, 2, W // 2, 2).transpose(0, 1, 2, 4, 3, 5)
    w = w.reshape(B, C, H // 2, W // 2, 4)
    arg = w.argmax(axis=4)                                      # the first maximum in reading order
    return np.take_along_axis(w, arg[..., None], axis=4)[..., 0], arg


def pool_backward(x, arg, dy):
    B, C, H, W = x.shape
    dx = np.zeros_like(x)
    i, j = np.meshgrid(np.arange(H // 2), np.arange(W // 2), indexing="ij")
    for b in range(B):
        for c in range(C):
            a = arg[b, c]
            dx[b, c, 2 * i + a // 2, 2 * j + a % 2] += dy[b, c]
    return dx


def gradients(layers, W, bias, X, y):
    B = len(y)
    a = X.reshape(B, 1, 28, 28)
    saved, outs, p = [], [], 0                                  # each layer's input, what backward needs, output
    for n, L in enumerate(layers):
        last = n == len(layers) - 1
        if L[0] == "conv":
            z, win = conv_forward(a, W[p], bias[p], L[2], L[3])
            saved.append((a, win, p))
            a = np.maximum(z, 0)
            p += 1
        elif L[0] == "pool":
            out, arg = pool_forward(a)
            saved.append((a, arg, None))
            a = out
        else:
            flat = a.reshape(B, -1)
            z = flat @ W[p] + bias[p]
            saved.append((a, flat, p))
            a = z if last else np.maximum(z, 0)
            p += 1
        outs.append(a)
    Z = a - a.max(axis=1, keepdims=True)
    Y = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    Y[np.arange(B), y] -= 1
    d = Y / B
    dW, db = [None] * len(W), [None] * len(W)
    for n in reversed(range(len(layers))):
        L, (x, extra, p) = layers[n], saved[n]
        if n < len(layers) - 1 and L[0] != "pool":              # ReLU: only where the output is positive
            d = d * (outs[n] > 0)
        if L[0] == "conv":
            dW[p], db[p], d = conv_backward(x, W[p], extra, d, L[2], L[3])
        elif L[0] == "pool":
            d = pool_backward(x, extra, d)
        else:
            dW[p], db[p] = extra.T @ d, d.sum(axis=0, keepdims=True)
            d = (d @ W[p].T).reshape(x.shape)
    return dW, db


def torch_epoch(layers, W, bias, X, y, batch):
    """One epoch in PyTorch (float64, one thread, Adam with lr 0.002): training samples per second."""
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(1)
    W = [torch.tensor(w.reshape(w.shape[0], -1, L[2], L[2]) if L[0] == "conv" else w, requires_grad=True)
         for w, L in zip(W, [L for L in layers if L[0] != "pool"])]
    bias = [torch.tensor(b.reshape(-1), requires_grad=True) for b in bias]
    opt = torch.optim.Adam(W + bias, lr=0.002)
    X, y = torch.tensor(X).reshape(-1, 1, 28, 28), torch.tensor(y)
    t = time.perf_counter()
    for start in range(0, len(y), batch):
        a, p = X[start:start + batch], 0
        for n, L in enumerate(layers):
            if L[0] == "conv":
                a, p = F.relu(F.conv2d(a, W[p], bias[p], padding=L[3])), p + 1
            elif L[0] == "pool":
                a = F.max_pool2d(a, 2)
            else:
                a, p = a.reshape(a.shape[0], -1) @ W[p] + bias[p], p + 1
                a = a if n == len(layers) - 1 else F.relu(a)
        loss = F.cross_entropy(a, y[start:start + batch])
        opt.zero_grad()
        loss.backward()
        opt.step()
    return len(y) / (time.perf_counter() - t)


def main():
    if len(sys.argv) not in (6, 7) or sys.argv[1] not in ("grad", "torch") or (sys.argv[1] == "torch") != (len(sys.argv) == 7):
        sys.exit("usage: reference.py grad ARCH WEIGHTS DATA_DIR N, or reference.py torch ARCH WEIGHTS DATA_DIR N BATCH")
    layers = parse(sys.argv[2])
    W, b = read_weights(sys.argv[3])
    X, y = read_set(sys.argv[4], int(sys.argv[5]))
    if sys.argv[1] == "torch":
        print("%.0f" % torch_epoch(layers, W, b, X, y, int(sys.argv[6])))
        return
    dW, db = gradients(layers, W, b, X, y)
    print_weights(dW, db, ["K" if L[0] == "conv" else "W" for L in layers if L[0] != "pool"])


if __name__ == "__main__":
    main()
