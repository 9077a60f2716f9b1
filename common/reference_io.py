"""What the chapters' numpy references (chapters/NN-*/reference.py) share: the
course's weight format and the IDX image files, read and written as the C
programs do. Imported by those scripts; not a program of its own."""
import gzip
import os

import numpy as np


def read_weights(path):
    """The W and b matrices of a weight file, as two lists (layer 1 first)."""
    lines = [l.split() for l in open(path) if l.strip() and not l.startswith("#")]
    mats, i = [], 0
    while i < len(lines):
        rows, cols = int(lines[i][1]), int(lines[i][2])
        mats.append(np.array([[float(v) for v in lines[i + 1 + r]] for r in range(rows)]).reshape(rows, cols))
        i += 1 + rows
    return mats[0::2], mats[1::2]


def read_params(path):
    """A model's named matrices (part three: C, W1, ..., Whh, ...), as a list of (name, matrix)."""
    lines = [l.split() for l in open(path) if l.strip() and not l.startswith("#")]
    mats, i = [], 0
    while i < len(lines):
        name, rows, cols = lines[i][0], int(lines[i][1]), int(lines[i][2])
        mats.append((name, np.array([[float(v) for v in lines[i + 1 + r]] for r in range(rows)]).reshape(rows, cols)))
        i += 1 + rows
    return mats


def print_params(mats):
    """Print (name, matrix) pairs in the weight format, every number with %.17g."""
    for name, m in mats:
        print(name, *m.shape)
        for row in m:
            print(" ".join("%.17g" % v for v in row))


def print_weights(W, b, kinds=None):
    """Print W1 b1 W2 b2 ... in the weight format, every number with %.17g;
    kinds[l] "K" names layer l+1 a convolution's kernels, K<l> (chapter 07)."""
    for l in range(len(W)):
        kind = kinds[l] if kinds else "W"
        for name, m in (("%s%d" % (kind, l + 1), W[l]), ("b%d" % (l + 1), b[l])):
            print(name, *m.shape)
            for row in m:
                print(" ".join("%.17g" % v for v in row))


def read_idx(path, n):
    """The first n items of an IDX file of unsigned bytes, gzipped or plain."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:       # only the header and the n items: not the whole file
        head = f.read(4)
        ndims = head[3]
        raw = f.read(4 * ndims)
        dims = [int.from_bytes(raw[4 * d:4 + 4 * d], "big") for d in range(ndims)]
        item = int(np.prod(dims[1:])) if ndims > 1 else 1
        data = f.read(n * item)
    return np.frombuffer(data, dtype=np.uint8).reshape([n] + dims[1:])


def read_set(directory, n):
    """The first n training images of directory as rows of pixel / 255, and their labels."""
    def path(kind):
        p = os.path.join(directory, "train-%s-ubyte" % kind)
        return p if os.path.exists(p) else p + ".gz"
    return read_idx(path("images-idx3"), n).reshape(n, -1) / 255.0, read_idx(path("labels-idx1"), n).astype(int)


def load_text(path):
    """Part three's text (common/text.h): the fortunes' directory (its files without a '.' in their
    name, in name order, joined) or one file, split at its lines holding only '%' (piece k is
    validation when k % 10 == 9), or without them its last tenth for validation. Returns the training
    and validation ids and the vocabulary (the distinct bytes, sorted: an id is a rank)."""
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if "." not in n and os.path.isfile(os.path.join(path, n))
                       and not os.path.islink(os.path.join(path, n)))
        data = b"".join(open(os.path.join(path, n), "rb").read() for n in names)
    else:
        data = open(path, "rb").read()
    lines = data.split(b"\n")
    pieces, cur = [], []
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        cur.append(line + (b"" if last else b"\n"))
        if line == b"%":
            pieces.append(b"".join(cur))
            cur = []
    if pieces:
        rest = b"".join(cur)
        if rest:
            pieces.append(rest)
        train = b"".join(p for k, p in enumerate(pieces) if k % 10 != 9)
        val = b"".join(p for k, p in enumerate(pieces) if k % 10 == 9)
    else:
        cut = len(data) - len(data) // 10
        train, val = data[:cut], data[cut:]
    vocab = sorted(set(data))
    idx = {b: i for i, b in enumerate(vocab)}
    return [idx[b] for b in train], [idx[b] for b in val], vocab


def bigram_loss(train, val, V):
    """The bigram counts' loss (common/sample.h): add-one counts of the pairs of the training ids,
    the mean -log P(next | previous) over the validation ids' pairs, in nats."""
    N = np.ones((V, V))
    np.add.at(N, (np.array(train[:-1]), np.array(train[1:])), 1)
    P = N / N.sum(axis=1, keepdims=True)
    return -np.mean(np.log(P[np.array(val[:-1]), np.array(val[1:])]))
