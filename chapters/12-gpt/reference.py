#!/usr/bin/env python3
"""Chapter 12's small GPT, computed independently with numpy: the forward pass
written out, the backward pass by hand, layer by layer.

    reference.py grad   WEIGHTS TEXT K      > gradients.txt
    reference.py bigram TEXT                (the bigram counts' validation loss, nats)
    reference.py train  TEXT STEPS B        (numpy float32 training: tokens/s after 2 warm-up steps)
    reference.py torch  TEXT STEPS B THREADS    (the same in PyTorch: tokens/s after 3 warm-up steps)

TEXT is the fortunes' directory (its files without a '.' in their name, in
name order, joined) or one file; it is split at its lines holding only '%'
(piece k is validation when k % 10 == 9), or, without such lines, its last
tenth is validation. The vocabulary is the distinct bytes, sorted.

The model: x = tok[ids] + pos[0..T-1]; each of L blocks x = x + attn(ln1(x)),
x = x + mlp(ln2(x)); logits = lnf(x) Wout + bout. Layer norm over the E
features (biased variance, eps 1e-5), gain and bias. mlp(u) = gelu(u W1 + b1)
W2 + b2, GELU's tanh form. attn: qkv = u Wqkv + bqkv (columns [0,E) Q, [E,2E)
K, [2E,3E) V), head h of H takes columns [h d, (h+1) d) of each, d = E/H;
softmax(q k^T / sqrt(d)), causal, times v; the heads side by side, then Wo, bo.
WEIGHTS is a ch12 weight file (its first line `# layers L heads H embed E
context T vocab V bytes HEX`, HEX the bytes of the ids, two digits each). `grad` prints the gradient of the mean cross-entropy
over the K sequences of T bytes at training offsets 0, T, 2T, ..., each byte
predicting the next, in float64. `train` is the benchmark's: the default
model (4 layers, 4 heads, E 128, T 64) in float32, AdamW on B random windows
a step, the whole forward pass, backward pass and update every step.
"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from reference_io import bigram_loss, load_text, print_params, read_params  # noqa: E402

EPS = 1e-5
GELU_C = np.sqrt(2 / np.pi)
BLOCK = ["ln1_g", "ln1_b", "Wqkv", "bqkv", "Wo", "bo", "ln2_g", "ln2_b", "W1", "b1", "W2", "b2"]


def names_of(L):
    """The matrices' names in the file's order."""
    return ["tok", "pos"] + ["%s%d" % (b, l + 1) for l in range(L) for b in BLOCK] + ["lnf_g", "lnf_b", "Wout", "bout"]


def shape_of(path):
    """L, H, E, T, V from a weight file's first line."""
    w = open(path).readline().split()
    assert w[:2] == ["#", "layers"], "%s: not a ch12 weight file" % path
    return int(w[2]), int(w[4]), int(w[6]), int(w[8]), int(w[10])


# ----------------------------------------------------------------------------
# the layers, each a forward function (returning what its backward needs) and a backward one

def layernorm(x, g, b):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    r = 1 / np.sqrt(var + EPS)
    xh = (x - mu) * r
    return xh * g + b, (xh, r)


def layernorm_back(dy, g, cache):
    xh, r = cache
    dg = (dy * xh).reshape(-1, xh.shape[-1]).sum(axis=0, keepdims=True)
    db = dy.reshape(-1, xh.shape[-1]).sum(axis=0, keepdims=True)
    dxh = dy * g
    dx = r * (dxh - dxh.mean(axis=-1, keepdims=True) - xh * (dxh * xh).mean(axis=-1, keepdims=True))
    return dx, dg, db


def gelu(x):
    return 0.5 * x * (1 + np.tanh(GELU_C * (x + 0.044715 * x * x * x)))


def gelu_back(dy, x):
    t = np.tanh(GELU_C * (x + 0.044715 * x * x * x))
    return dy * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x))


def linear_back(dy, x, W):
    """dy (..., out) of y = x W + b: dx, dW, db."""
    x2, dy2 = x.reshape(-1, x.shape[-1]), dy.reshape(-1, dy.shape[-1])
    return dy @ W.T, x2.T @ dy2, dy2.sum(axis=0, keepdims=True)


def attention(u, Wqkv, bqkv, H):
    """The heads of causal attention over u (B, T, E), concatenated: (B, T, E), before Wo."""
    B, T, E = u.shape
    d = E // H
    qkv = u @ Wqkv + bqkv
    # (B, T, E) -> (B, H, T, d): head h is columns [h d, (h+1) d)
    q, k, v = (qkv[:, :, j * E:(j + 1) * E].reshape(B, T, H, d).transpose(0, 2, 1, 3) for j in range(3))
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d)
    future = np.triu(np.ones((T, T), dtype=bool), 1)     # j > i: not seen
    s = np.where(future, -np.inf, s)
    att = np.exp(s - s.max(axis=-1, keepdims=True))
    att /= att.sum(axis=-1, keepdims=True)
    out = att @ v
    return out.transpose(0, 2, 1, 3).reshape(B, T, E), (q, k, v, att)


def attention_back(dheads, u, Wqkv, cache, H):
    """From d(the heads' outputs) (B, T, E): du, dWqkv, dbqkv."""
    q, k, v, att = cache
    B, T, E = dheads.shape
    d = E // H
    dout = dheads.reshape(B, T, H, d).transpose(0, 2, 1, 3)
    dv = att.transpose(0, 1, 3, 2) @ dout
    datt = dout @ v.transpose(0, 1, 3, 2)
    ds = att * (datt - (att * datt).sum(axis=-1, keepdims=True)) / np.sqrt(d)   # 0 where att is 0: the future
    dq = ds @ k
    dk = ds.transpose(0, 1, 3, 2) @ q
    dqkv = np.concatenate([m.transpose(0, 2, 1, 3).reshape(B, T, E) for m in (dq, dk, dv)], axis=2)
    return linear_back(dqkv, u, Wqkv)


# ----------------------------------------------------------------------------
# the model

def forward(P, L, H, X, Y):
    """The mean cross-entropy of the model P (name -> matrix) on ids X (B, T) with targets Y, and its caches."""
    B, T = X.shape
    x = P["tok"][X] + P["pos"][:T]
    caches = []
    for l in range(1, L + 1):
        p = {b: P["%s%d" % (b, l)] for b in BLOCK}
        u1, c1 = layernorm(x, p["ln1_g"], p["ln1_b"])
        heads, ca = attention(u1, p["Wqkv"], p["bqkv"], H)
        mid = x + heads @ p["Wo"] + p["bo"]
        u2, c2 = layernorm(mid, p["ln2_g"], p["ln2_b"])
        hid = u2 @ p["W1"] + p["b1"]
        act = gelu(hid)
        x = mid + act @ p["W2"] + p["b2"]
        caches.append((u1, c1, heads, ca, u2, c2, hid, act))
    uf, cf = layernorm(x, P["lnf_g"], P["lnf_b"])
    z = uf @ P["Wout"] + P["bout"]
    z = z - z.max(axis=-1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
    N = B * T
    logp2 = logp.reshape(N, -1)
    loss = -logp2[np.arange(N), Y.reshape(N)].mean()
    return loss, (caches, uf, cf, logp2)


def backward(P, L, H, X, Y, cache):
    """The gradient of forward()'s loss: name -> matrix."""
    caches, uf, cf, logp2 = cache
    B, T = X.shape
    N, V = logp2.shape
    G = {}
    dz = np.exp(logp2)
    dz[np.arange(N), Y.reshape(N)] -= 1
    dz = (dz / N).reshape(B, T, V)
    duf, G["Wout"], G["bout"] = linear_back(dz, uf, P["Wout"])
    dx, G["lnf_g"], G["lnf_b"] = layernorm_back(duf, P["lnf_g"], cf)
    for l in range(L, 0, -1):
        p = {b: P["%s%d" % (b, l)] for b in BLOCK}
        u1, c1, heads, ca, u2, c2, hid, act = caches[l - 1]
        g = {}
        # x = mid + act W2 + b2: dx reaches mid directly and through the MLP
        dact, g["W2"], g["b2"] = linear_back(dx, act, p["W2"])
        du2, g["W1"], g["b1"] = linear_back(gelu_back(dact, hid), u2, p["W1"])
        dmid, g["ln2_g"], g["ln2_b"] = layernorm_back(du2, p["ln2_g"], c2)
        dmid = dmid + dx
        # mid = x + heads Wo + bo
        dheads, g["Wo"], g["bo"] = linear_back(dmid, heads, p["Wo"])
        du1, g["Wqkv"], g["bqkv"] = attention_back(dheads, u1, p["Wqkv"], ca, H)
        dx, g["ln1_g"], g["ln1_b"] = layernorm_back(du1, p["ln1_g"], c1)
        dx = dx + dmid
        for b in BLOCK:
            G["%s%d" % (b, l)] = g[b]
    G["tok"] = np.zeros_like(P["tok"])
    np.add.at(G["tok"], X.reshape(-1), dx.reshape(-1, dx.shape[-1]))
    G["pos"] = np.zeros_like(P["pos"])
    G["pos"][:T] = dx.sum(axis=0)
    return G


# ----------------------------------------------------------------------------
# training for the benchmark

def init(L, E, T, V, rng, dtype):
    """GPT-2's starting weights: normal 0.02 (Wo, W2 0.02 / sqrt(2L)), biases 0, gains 1."""
    shapes = {"tok": (V, E), "pos": (T, E), "lnf_g": (1, E), "lnf_b": (1, E), "Wout": (E, V), "bout": (1, V)}
    block = {"ln1_g": (1, E), "ln1_b": (1, E), "Wqkv": (E, 3 * E), "bqkv": (1, 3 * E), "Wo": (E, E), "bo": (1, E),
             "ln2_g": (1, E), "ln2_b": (1, E), "W1": (E, 4 * E), "b1": (1, 4 * E), "W2": (4 * E, E), "b2": (1, E)}
    for l in range(1, L + 1):
        shapes.update({"%s%d" % (b, l): s for b, s in block.items()})
    P = {}
    for name in names_of(L):
        base = name.rstrip("0123456789")
        if "_g" in name:
            P[name] = np.ones(shapes[name], dtype)
        elif decays(name):
            sd = 0.02 / np.sqrt(2 * L) if base in ("Wo", "W2") else 0.02
            P[name] = (sd * rng.standard_normal(shapes[name])).astype(dtype)
        else:
            P[name] = np.zeros(shapes[name], dtype)
    return P


def decays(name):
    return name[0] == "W" or name in ("tok", "pos")


def train(text, steps, B, L=4, H=4, E=128, T=64, lr=4e-3, wd=0.1, clip=1.0, warmup=100):
    ids, _, vocab = load_text(text)
    ids = np.array(ids)
    rng = np.random.default_rng(1)
    P = init(L, E, T, len(vocab), rng, np.float32)
    m = {k: np.zeros_like(w) for k, w in P.items()}
    v = {k: np.zeros_like(w) for k, w in P.items()}
    b1, b2, eps = np.float32(0.9), np.float32(0.95), np.float32(1e-8)
    t0 = None
    for step in range(1, steps + 1):
        if step == 3:
            t0 = time.perf_counter()        # after 2 warm-up steps
        at = rng.integers(0, len(ids) - T, B)
        X = ids[at[:, None] + np.arange(T)]
        Y = ids[at[:, None] + np.arange(1, T + 1)]
        loss, cache = forward(P, L, H, X, Y)
        G = backward(P, L, H, X, Y, cache)
        norm = np.sqrt(sum(float((g.astype(np.float64) ** 2).sum()) for g in G.values()))
        scale = np.float32(clip / norm if clip > 0 and norm > clip else 1.0)
        rate = lr * step / warmup if step <= warmup else lr * 0.5 * (1 + np.cos(np.pi * (step - warmup) /
                                                                              max(1, steps - warmup)))
        rate = np.float32(rate)
        c1, c2 = np.float32(1 - 0.9 ** step), np.float32(1 - 0.95 ** step)
        for k, w in P.items():
            g = G[k] * scale
            if decays(k):
                w -= rate * np.float32(wd) * w
            m[k] = b1 * m[k] + (1 - b1) * g
            v[k] = b2 * v[k] + (1 - b2) * g * g
            w -= rate * (m[k] / c1) / (np.sqrt(v[k] / c2) + eps)
        assert np.isfinite(loss) and P["Wout"].dtype == np.float32
    print("%.0f" % ((steps - 2) * B * T / (time.perf_counter() - t0)))


def train_torch(text, steps, B, threads, L=4, H=4, E=128, T=64):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    torch.set_num_threads(threads)
    torch.manual_seed(1)

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln1, self.ln2 = nn.LayerNorm(E), nn.LayerNorm(E)
            self.qkv, self.o = nn.Linear(E, 3 * E), nn.Linear(E, E)
            self.fc1, self.fc2 = nn.Linear(E, 4 * E), nn.Linear(4 * E, E)

        def forward(self, x, mask):
            Bn, Tn, _ = x.shape
            q, k, v = (a.view(Bn, Tn, H, E // H).transpose(1, 2) for a in self.qkv(self.ln1(x)).split(E, dim=2))
            s = (q @ k.transpose(-2, -1)) / (E // H) ** 0.5
            att = torch.softmax(s.masked_fill(mask[:Tn, :Tn], float("-inf")), dim=-1)
            x = x + self.o((att @ v).transpose(1, 2).reshape(Bn, Tn, E))
            return x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate="tanh"))

    class GPT(nn.Module):
        def __init__(self, V):
            super().__init__()
            self.tok, self.pos = nn.Embedding(V, E), nn.Embedding(T, E)
            self.blocks = nn.ModuleList(Block() for _ in range(L))
            self.lnf, self.out = nn.LayerNorm(E), nn.Linear(E, V)
            self.register_buffer("mask", torch.triu(torch.ones(T, T, dtype=torch.bool), 1))

        def forward(self, ids):
            x = self.tok(ids) + self.pos(torch.arange(ids.shape[1]))
            for b in self.blocks:
                x = b(x, self.mask)
            return self.out(self.lnf(x))

    ids, _, vocab = load_text(text)
    ids = torch.tensor(ids)
    V = len(vocab)
    model = GPT(V)
    matrices = [p for p in model.parameters() if p.dim() == 2]
    others = [p for p in model.parameters() if p.dim() != 2]
    opt = torch.optim.AdamW([{"params": matrices, "weight_decay": 0.1}, {"params": others, "weight_decay": 0.0}],
                            lr=4e-3, betas=(0.9, 0.95))
    offsets = torch.arange(T)
    t0 = None
    for step in range(1, steps + 1):
        if step == 4:
            t0 = time.perf_counter()        # after 3 warm-up steps
        at = torch.randint(0, len(ids) - T, (B, 1))
        X, Y = ids[at + offsets], ids[at + offsets + 1]
        loss = F.cross_entropy(model(X).view(-1, V), Y.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
    print("%.0f" % ((steps - 3) * B * T / (time.perf_counter() - t0)))


def main():
    if sys.argv[1] == "bigram":
        train_ids, val, vocab = load_text(sys.argv[2])
        print("%.4f" % bigram_loss(train_ids, val, len(vocab)))
        return
    if sys.argv[1] == "train":
        steps = int(sys.argv[3])
        assert steps > 2, "train: STEPS must be more than the 2 warm-up steps"
        train(sys.argv[2], steps, int(sys.argv[4]))
        return
    if sys.argv[1] == "torch":
        steps = int(sys.argv[3])
        assert steps > 3, "torch: STEPS must be more than the 3 warm-up steps"
        train_torch(sys.argv[2], steps, int(sys.argv[4]), int(sys.argv[5]))
        return
    assert sys.argv[1] == "grad", "usage: reference.py grad|bigram|train|torch ..."
    weights, text, K = sys.argv[2], sys.argv[3], int(sys.argv[4])
    L, H, E, T, V = shape_of(weights)
    named = read_params(weights)
    assert [n for n, _ in named] == names_of(L), "%s: not the matrices of a %d-block model" % (weights, L)
    P = dict(named)
    train_ids, _, vocab = load_text(text)
    assert len(vocab) == V, "%s: its vocabulary is %d bytes, the weights' %d" % (text, len(vocab), V)
    listed = open(weights).readline().split()
    if len(listed) > 12 and listed[11] == "bytes":
        assert bytes(vocab).hex() == listed[12], "%s: its ids stand for other bytes than %s's" % (weights, text)
    X = np.array([train_ids[k * T:k * T + T] for k in range(K)])
    Y = np.array([train_ids[k * T + 1:k * T + T + 1] for k in range(K)])
    _, cache = forward(P, L, H, X, Y)
    G = backward(P, L, H, X, Y, cache)
    print("# numpy: gradient of the mean cross-entropy over %d sequences of %d" % (K, T))
    print_params([(n, G[n]) for n in names_of(L)])


if __name__ == "__main__":
    main()
