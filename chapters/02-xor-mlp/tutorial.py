#!/usr/bin/env python3
"""The tutorial's numpy training loop, for comparing with ch02 number by number.

    python3 tutorial.py WEIGHTS DATA EPOCHS LR > final-weights.txt

Reads start weights in the course's format (W1 b1 W2 b2), trains as the
tutorial "Building a Neural Network from Scratch in Python" does (full batch,
sigmoid layers, error = y - output, weights += ... * learning_rate), and
prints the final weights in the same format.
"""
import sys

import numpy as np


def read_weights(path):
    mats, lines = {}, [l.split() for l in open(path) if l.strip() and not l.startswith("#")]
    i = 0
    while i < len(lines):
        name, rows, cols = lines[i][0], int(lines[i][1]), int(lines[i][2])
        mats[name] = np.array([[float(v) for v in lines[i + 1 + r]] for r in range(rows)]).reshape(rows, cols)
        i += 1 + rows
    return mats


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):  # x is the sigmoid's output
    return x * (1 - x)


def main():
    w = read_weights(sys.argv[1])
    data = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1, ndmin=2)
    X, y = data[:, :-1], data[:, -1:]
    epochs, learning_rate = int(sys.argv[3]), float(sys.argv[4])
    weights_input_hidden, bias_hidden = w["W1"], w["b1"]
    weights_hidden_output, bias_output = w["W2"], w["b2"]
    for _ in range(epochs):
        hidden_output = sigmoid(np.dot(X, weights_input_hidden) + bias_hidden)
        output = sigmoid(np.dot(hidden_output, weights_hidden_output) + bias_output)
        error = y - output
        d_output = error * sigmoid_derivative(output)
        error_hidden = d_output.dot(weights_hidden_output.T)
        d_hidden = error_hidden * sigmoid_derivative(hidden_output)
        weights_hidden_output += hidden_output.T.dot(d_output) * learning_rate
        weights_input_hidden += X.T.dot(d_hidden) * learning_rate
        bias_output += np.sum(d_output, axis=0, keepdims=True) * learning_rate
        bias_hidden += np.sum(d_hidden, axis=0, keepdims=True) * learning_rate
    for name, m in (("W1", weights_input_hidden), ("b1", bias_hidden),
                    ("W2", weights_hidden_output), ("b2", bias_output)):
        print(name, *m.shape)
        for row in m:
            print(" ".join("%.17g" % v for v in row))


if __name__ == "__main__":
    main()
