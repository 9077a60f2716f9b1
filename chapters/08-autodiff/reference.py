#!/usr/bin/env python3
"""Chapter 08's --expr, computed another way: forward-mode differentiation with numpy.

    reference.py expr TEXT NAMES        > expr.csv

TEXT is an expression of --expr's language and NAMES its list (x=1,y=2).
Where the C program runs one backward pass through a graph (reverse mode),
this evaluates the expression once per name with dual numbers a + b e,
e^2 = 0: carrying each value's derivative by that name along with it
(forward mode). The two methods share no code and no order of operations;
they must agree to rounding. Prints the CSV the program writes:
name,value,gradient for each name, then f,value,1.
"""
import ast
import sys

import numpy as np


class Dual:
    """A value and its derivative by one chosen input."""

    def __init__(self, value, deriv=0.0):
        self.v = np.float64(value)
        self.d = np.float64(deriv)

    @staticmethod
    def of(x):
        return x if isinstance(x, Dual) else Dual(x)

    def __add__(self, o):
        o = Dual.of(o)
        return Dual(self.v + o.v, self.d + o.d)

    def __sub__(self, o):
        o = Dual.of(o)
        return Dual(self.v - o.v, self.d - o.d)

    def __mul__(self, o):
        o = Dual.of(o)
        return Dual(self.v * o.v, self.d * o.v + self.v * o.d)

    def __truediv__(self, o):
        o = Dual.of(o)
        return Dual(self.v / o.v, (self.d * o.v - self.v * o.d) / (o.v * o.v))

    def __neg__(self):
        return Dual(-self.v, -self.d)

    def __pow__(self, k):
        return Dual(np.power(self.v, k), k * np.power(self.v, k - 1.0) * self.d)


def exp(a):
    e = np.exp(a.v)
    return Dual(e, e * a.d)


def log(a):
    return Dual(np.log(a.v), a.d / a.v)


def tanh(a):
    t = np.tanh(a.v)
    return Dual(t, (1.0 - t * t) * a.d)


def sigmoid(a):
    s = 1.0 / (1.0 + np.exp(-a.v))
    return Dual(s, s * (1.0 - s) * a.d)


def relu(a):
    return Dual(a.v if a.v > 0 else 0.0, a.d if a.v > 0 else 0.0)


FUNCTIONS = {"exp": exp, "log": log, "tanh": tanh, "sigmoid": sigmoid, "relu": relu}


def evaluate(node, env):
    """The value of a Python syntax tree of the expression, in Dual numbers."""
    if isinstance(node, ast.Expression):
        return evaluate(node.body, env)
    if isinstance(node, ast.Constant):
        return Dual(float(node.value))
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -evaluate(node.operand, env)
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Pow):       # a constant exponent, as in the C program
            k = node.right
            sign = -1.0 if isinstance(k, ast.UnaryOp) and isinstance(k.op, ast.USub) else 1.0
            k = k.operand if isinstance(k, ast.UnaryOp) else k
            return evaluate(node.left, env) ** (sign * float(k.value))
        a, b = evaluate(node.left, env), evaluate(node.right, env)
        return {ast.Add: a.__add__, ast.Sub: a.__sub__, ast.Mult: a.__mul__, ast.Div: a.__truediv__}[
            type(node.op)](b)
    if isinstance(node, ast.Call):
        return FUNCTIONS[node.func.id](evaluate(node.args[0], env))
    raise ValueError("not in the language: %s" % ast.dump(node))


def main():
    if len(sys.argv) != 4 or sys.argv[1] != "expr":
        sys.exit(__doc__)
    text, names = sys.argv[2], sys.argv[3]
    values = [(n.split("=")[0], float(n.split("=")[1])) for n in names.split(",") if n]
    # the languages differ in one symbol: Python's power is **, and -x**2 is -(x**2) in both
    tree = ast.parse(text.replace("^", "**"), mode="eval")
    print("name,value,gradient")
    f = None
    for name, value in values:
        env = {n: Dual(v, 1.0 if n == name else 0.0) for n, v in values}
        f = evaluate(tree, env)
        print("%s,%.17g,%.17g" % (name, value, f.d))
    if f is None:
        f = evaluate(tree, {})
    print("f,%.17g,1" % f.v)


if __name__ == "__main__":
    main()
