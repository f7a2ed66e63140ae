"""Write gradproof's JSON documents from numpy arrays (numpy only, one file).

gradproof checks gradients: dump your network's weights, a batch and the gradients your backprop computed, then run

    gradproof compare model.json batch.json gradients.json

The layout of every weight matrix is stated, never guessed (a square W read the wrong way round would be silently
transposed):

    weights="out_in"   W[i][j] is the weight from input j to unit i:  z = W @ x      (PyTorch nn.Linear)
    weights="in_out"   W[j][i] is the weight from input j to unit i:  z = x @ W      (Keras, row-vector numpy code)
    bias="separate"    b is its own vector, one number per unit
    bias="first"/"last" b is inside W as the weight of an extra always-1 input at index 0 / at the end:
                       a column of an out_in W, a row of an in_out W (z = W @ [x; 1] for "last")

Example (a 2-3-1 network written as x @ W + b):

    import gradproof_io as gp
    layout = gp.Layout(weights="in_out", bias="separate")
    gp.write_model("model.json", inputs=2, layout=layout,
                   layers=[gp.Dense(W1, "tanh", b1), gp.Dense(W2, "sigmoid", b2)],
                   loss="bce", reduction="mean")
    gp.write_batch("batch.json", X, Y, examples="rows")
    gp.write_gradients("gradients.json", {"dense1.W": dW1, "dense1.b": db1, "dense2.W": dW2, "dense2.b": db2},
                       layout=layout, loss=L)

The formats are specified in docs/interchange.md. Every function checks shapes and says which array is wrong.
"""
import json
import math

import numpy as np

__all__ = ["Layout", "Dense", "model_document", "batch_document", "gradients_document",
           "write_model", "write_batch", "write_gradients", "read_json", "to_layout", "from_layout"]

WEIGHT_ORDERS = ("out_in", "in_out")
BIAS_PLACEMENTS = ("separate", "first", "last")
REDUCTIONS = ("mean", "sum")


class Layout:
    """How W and b are stored: weights "out_in" | "in_out", bias "separate" | "first" | "last". Both are required."""

    def __init__(self, weights, bias):
        if weights not in WEIGHT_ORDERS:
            raise ValueError("Layout weights: expected one of %s, got %r" % (WEIGHT_ORDERS, weights))
        if bias not in BIAS_PLACEMENTS:
            raise ValueError("Layout bias: expected one of %s, got %r" % (BIAS_PLACEMENTS, bias))
        self.weights = weights
        self.bias = bias

    def as_json(self):
        return {"weights": self.weights, "bias": self.bias}

    def describe(self):
        if self.bias == "separate":
            return "as [%s]" % self.weights.replace("_", "][")
        return "as [%s] with the bias as the %s %s" % (self.weights.replace("_", "]["), self.bias,
                                                       "column" if self.weights == "out_in" else "row")

    def stored_shape(self, units, inputs):
        extended = inputs + (0 if self.bias == "separate" else 1)
        return (units, extended) if self.weights == "out_in" else (extended, units)

    def __repr__(self):
        return "Layout(weights=%r, bias=%r)" % (self.weights, self.bias)


class Dense:
    """A dense layer: its weight matrix as stored in the model's layout, its activation name, its bias if separate."""

    def __init__(self, weights, activation, bias=None):
        self.weights = np.asarray(weights, dtype=np.float64)
        self.activation = activation
        self.bias = None if bias is None else np.asarray(bias, dtype=np.float64)


def _matrix(a, what):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim != 2:
        raise ValueError("%s: expected a 2-D array, got shape %s" % (what, a.shape))
    return a


def _vector(a, n, what):
    """A bias as (n,), (n, 1) or (1, n): any of these is unambiguous."""
    a = np.asarray(a, dtype=np.float64)
    if a.size != n or (a.ndim == 2 and 1 not in a.shape) or a.ndim > 2:
        raise ValueError("%s: expected %d numbers (shape (%d,), (%d, 1) or (1, %d)), got shape %s"
                         % (what, n, n, n, n, a.shape))
    return a.reshape(n)


def _finite(a, what):
    if not np.all(np.isfinite(a)):
        raise ValueError("%s: every value must be finite (found NaN or Infinity)" % what)


def _units_of(stored, layout, inputs, what):
    """The number of units of a layer whose stored W has this shape, checked against its input width."""
    extended = inputs + (0 if layout.bias == "separate" else 1)
    rows, cols = stored.shape
    found = cols if layout.weights == "out_in" else rows
    if found != extended:
        raise ValueError("%s: expected %d %s (%d inputs%s, %s), got shape %s"
                         % (what, extended, "columns" if layout.weights == "out_in" else "rows", inputs,
                            "" if layout.bias == "separate" else " and the bias", layout.describe(), stored.shape))
    return rows if layout.weights == "out_in" else cols


def to_layout(W, b, layout):
    """W as [out][in] and b (out,) -> the matrix (and bias) as stored in `layout`: returns (stored, bias_or_None)."""
    W = _matrix(W, "W")
    units, inputs = W.shape
    b = _vector(b, units, "b")
    if layout.bias == "first":
        W = np.hstack([b.reshape(units, 1), W])
    elif layout.bias == "last":
        W = np.hstack([W, b.reshape(units, 1)])
    stored = W if layout.weights == "out_in" else W.T.copy()
    return stored, (b.copy() if layout.bias == "separate" else None)


def from_layout(stored, bias, layout):
    """The inverse of to_layout: (W as [out][in], b)."""
    W = _matrix(stored, "W")
    if layout.weights == "in_out":
        W = W.T
    if layout.bias == "first":
        return W[:, 1:].copy(), W[:, 0].copy()
    if layout.bias == "last":
        return W[:, :-1].copy(), W[:, -1].copy()
    return W.copy(), _vector(bias, W.shape[0], "b").copy()


def _number(x):
    x = float(x)
    return x  # json writes NaN / Infinity / -Infinity as bare tokens, which gradproof reads


def model_document(inputs, layers, loss, reduction, layout, scale=1.0):
    """A gradproof-model document (a dict). `layers` are Dense; their weights are stored in `layout`.

    The loss is L = scale * reduction over examples of loss(output, target); e.g. a cross-entropy divided by the
    number of classes K is loss="cross_entropy" with scale=1/K. Losses: mse, half_sse, sse, bce, sigmoid_bce,
    softmax_cross_entropy (on logits), cross_entropy (after a softmax layer).
    """
    if not isinstance(layout, Layout):
        raise TypeError("layout: expected a gradproof_io.Layout (the layout is stated, never guessed), got %r" % layout)
    if reduction not in REDUCTIONS:
        raise ValueError("reduction: expected one of %s, got %r" % (REDUCTIONS, reduction))
    if not (isinstance(scale, (int, float)) and scale > 0 and math.isfinite(scale)):
        raise ValueError("scale: expected a positive finite number, got %r" % (scale,))
    width = int(inputs)
    out = []
    for i, layer in enumerate(layers):
        name = "dense%d" % (i + 1)
        stored = _matrix(layer.weights, "%s weights" % name)
        _finite(stored, "%s weights" % name)
        units = _units_of(stored, layout, width, "%s weights" % name)
        entry = {"type": "dense", "units": units, "activation": layer.activation,
                 "weights": stored.tolist()}
        if layout.bias == "separate":
            if layer.bias is None:
                raise ValueError("%s: the layout says bias 'separate' but no bias was given" % name)
            b = _vector(layer.bias, units, "%s bias" % name)
            _finite(b, "%s bias" % name)
            entry["bias"] = b.tolist()
        elif layer.bias is not None:
            raise ValueError("%s: the layout puts the bias inside W (bias %r); do not pass a separate bias"
                             % (name, layout.bias))
        out.append(entry)
        width = units
    loss_entry = {"name": loss, "reduction": reduction}
    if scale != 1:
        loss_entry["scale"] = float(scale)
    return {"format": "gradproof-model", "version": 1, "layout": layout.as_json(), "inputs": int(inputs),
            "layers": out, "loss": loss_entry}


def batch_document(inputs, targets, examples):
    """A gradproof-batch document. examples="rows": inputs m x features, targets m x outputs (1-D targets are one
    output per example); examples="columns": features x m and outputs x m (column vectors, one per example)."""
    if examples not in ("rows", "columns"):
        raise ValueError("examples: expected 'rows' or 'columns', got %r" % (examples,))
    x = _matrix(inputs, "inputs")
    y = np.asarray(targets, dtype=np.float64)
    if y.ndim == 1:
        y = y.reshape(-1, 1) if examples == "rows" else y.reshape(1, -1)
    y = _matrix(y, "targets")
    axis = 0 if examples == "rows" else 1
    if x.shape[axis] != y.shape[axis]:
        raise ValueError("targets: expected %d examples (%s, like inputs of shape %s), got shape %s"
                         % (x.shape[axis], examples, x.shape, y.shape))
    _finite(x, "inputs")
    _finite(y, "targets")
    return {"format": "gradproof-batch", "version": 1, "examples": examples, "inputs": x.tolist(),
            "targets": y.tolist()}


def gradients_document(blocks, layout, loss=None):
    """A gradproof-gradients document from named blocks ("dense1.W", "dense1.b", ...; no ".b" blocks when the
    layout puts the bias inside W). NaN and Infinity are kept: gradproof diagnoses them."""
    if not isinstance(layout, Layout):
        raise TypeError("layout: expected a gradproof_io.Layout, got %r" % (layout,))
    out = {}
    for name, value in blocks.items():
        a = np.asarray(value, dtype=np.float64)
        if name.endswith(".W"):
            out[name] = _matrix(a, name).tolist()
        elif name.endswith(".b"):
            if layout.bias != "separate":
                raise ValueError("%s: the layout puts the bias inside W (bias %r): its gradient belongs in the W block"
                                 % (name, layout.bias))
            out[name] = a.reshape(-1).tolist()
        else:
            raise ValueError("%s: block names are denseN.W or denseN.b" % name)
    doc = {"format": "gradproof-gradients", "version": 1, "layout": layout.as_json()}
    if loss is not None:
        doc["loss"] = _number(loss)
    doc["blocks"] = out
    return doc


def _write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, allow_nan=True)
        f.write("\n")


def write_model(path, inputs, layers, loss, reduction, layout, scale=1.0):
    _write(path, model_document(inputs, layers, loss, reduction, layout, scale))


def write_batch(path, inputs, targets, examples):
    _write(path, batch_document(inputs, targets, examples))


def write_gradients(path, blocks, layout, loss=None):
    _write(path, gradients_document(blocks, layout, loss))


def read_json(path):
    """Any gradproof document as a dict (NaN and Infinity tokens are read as floats)."""
    with open(path) as f:
        return json.load(f)


def gradproof_command():
    """How to run gradproof: $GRADPROOF_JAVA_CLASSPATH (a Java class path: run those classes, as the build's tests
    do), else $GRADPROOF (a launcher), else the ./gradproof launcher of the repository this file sits in."""
    import os
    classpath = os.environ.get("GRADPROOF_JAVA_CLASSPATH")
    if classpath:
        return [os.environ.get("GRADPROOF_JAVA", "java"), "-Djava.awt.headless=true", "-cp", classpath,
                "org.gradproof.cli.GradproofCommand"]
    launcher = os.environ.get("GRADPROOF")
    if launcher:
        return [launcher]
    return [os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "gradproof")]


def run_gradproof(*args):
    """Runs gradproof with these arguments, echoing its output; returns its exit code (0 correct, 1 wrong, 2 bad
    input, 3 internal error)."""
    import subprocess
    import sys
    command = gradproof_command() + [str(a) for a in args]
    print("$ gradproof " + " ".join(str(a) for a in args), flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stdout.write(done.stdout)
    sys.stdout.flush()
    if done.stderr:
        sys.stderr.write(done.stderr)
        sys.stderr.flush()
    return done.returncode
