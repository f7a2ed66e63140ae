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

An LSTM model (lstm layers, then one dense head) from PyTorch's nn.LSTM arrays, gates stacked in the order i, f, g, o:

    layout = gp.Layout(weights="out_in", bias="separate", gates="stacked")
    gp.write_model("model.json", inputs=2, layout=layout, loss="mse", reduction="mean",
                   layers=[gp.Lstm(lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0 + lstm.bias_hh_l0),
                           gp.Dense(head.weight, "identity", head.bias, head="last_step")])
    gp.write_sequence_batch("batch.json", X, Y)       # X [seq][batch][features]; Y [batch][outputs] or [seq][batch][outputs]

(as numpy arrays: .detach().numpy()). With gates="separate", Lstm takes W, U and b as lists of the four gates' arrays.

From PyTorch directly (the section "From PyTorch" at the end; torch is imported only there):

    gp.write_torch_model("model.json", net, loss="softmax_cross_entropy", reduction="mean")   # nn.Sequential
    gp.write_batch("batch.json", X.numpy(), Y.numpy(), examples="rows")
    loss = gp.torch_loss("softmax_cross_entropy", "mean", net(X), Y)   # exactly gradproof's loss, in torch
    loss.backward()
    gp.write_torch_gradients("yours.json", net, loss=loss.item())

The formats are specified in docs/interchange.md. Every function checks shapes and says which array is wrong.
"""
import json
import math

import numpy as np

__all__ = ["Layout", "Dense", "Lstm", "model_document", "batch_document", "sequence_batch_document",
           "gradients_document", "write_model", "write_batch", "write_sequence_batch", "write_gradients", "read_json",
           "to_layout", "from_layout", "TORCH_ACTIVATIONS", "TORCH_LOSSES", "torch_model_document",
           "torch_lstm_model_document", "torch_gradients_document", "torch_loss", "torch_erf_logistic",
           "write_torch_model", "write_torch_lstm_model", "write_torch_gradients"]

WEIGHT_ORDERS = ("out_in", "in_out")
BIAS_PLACEMENTS = ("separate", "first", "last")
REDUCTIONS = ("mean", "sum")
GATE_LAYOUTS = ("separate", "stacked")
GATES = ("i", "f", "g", "o")
HEADS = ("last_step", "every_step")


class Layout:
    """How W and b are stored: weights "out_in" | "in_out", bias "separate" | "first" | "last". Both are required.
    An LSTM model also states gates "separate" | "stacked" (and a dense model must not)."""

    def __init__(self, weights, bias, gates=None):
        if weights not in WEIGHT_ORDERS:
            raise ValueError("Layout weights: expected one of %s, got %r" % (WEIGHT_ORDERS, weights))
        if bias not in BIAS_PLACEMENTS:
            raise ValueError("Layout bias: expected one of %s, got %r" % (BIAS_PLACEMENTS, bias))
        if gates is not None and gates not in GATE_LAYOUTS:
            raise ValueError("Layout gates: expected one of %s, got %r" % (GATE_LAYOUTS, gates))
        self.weights = weights
        self.bias = bias
        self.gates = gates

    def as_json(self):
        d = {"weights": self.weights, "bias": self.bias}
        if self.gates is not None:
            d["gates"] = self.gates
        return d

    def describe(self):
        if self.bias == "separate":
            return "as [%s]" % self.weights.replace("_", "][")
        return "as [%s] with the bias as the %s %s" % (self.weights.replace("_", "]["), self.bias,
                                                       "column" if self.weights == "out_in" else "row")

    def stored_shape(self, units, inputs):
        extended = inputs + (0 if self.bias == "separate" else 1)
        return (units, extended) if self.weights == "out_in" else (extended, units)

    def __repr__(self):
        return "Layout(weights=%r, bias=%r, gates=%r)" % (self.weights, self.bias, self.gates)


class Dense:
    """A dense layer: its weight matrix as stored in the model's layout, its activation name, its bias if separate."""

    def __init__(self, weights, activation, bias=None, head=None):
        self.weights = np.asarray(weights, dtype=np.float64)
        self.activation = activation
        self.bias = None if bias is None else np.asarray(bias, dtype=np.float64)
        if head is not None and head not in HEADS:
            raise ValueError("Dense head: expected one of %s (the dense layer after lstm layers), got %r"
                             % (HEADS, head))
        self.head = head


class Lstm:
    """An LSTM layer as stored in the model's layout. gates="stacked": W [4*cells][inputs] = [W_i; W_f; W_g; W_o]
    (PyTorch weight_ih_l{k}), U [4*cells][cells] (weight_hh_l{k}), b (4*cells,) (bias_ih_l{k} + bias_hh_l{k}); with
    weights="in_out" W and U are transposed (Keras kernel, recurrent_kernel). gates="separate": W, U, b are lists of the
    four gates' arrays in the order i, f, g, o, each [cells][inputs], [cells][cells], (cells,) (or transposed)."""

    def __init__(self, W, U, b):
        self.W = W
        self.U = U
        self.b = b


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
    if any(isinstance(layer, Lstm) for layer in layers):
        return _lstm_model_document(inputs, layers, loss, reduction, layout, scale)
    if layout.gates is not None:
        raise ValueError("layout: gates=%r, but the model has no Lstm layers" % (layout.gates,))
    width = int(inputs)
    out = []
    for i, layer in enumerate(layers):
        if layer.head is not None:
            raise ValueError("dense%d: head=%r is only for the dense layer after Lstm layers" % (i + 1, layer.head))
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


def _lstm_parameters(layer, name, width, layout):
    """The stored fields of one Lstm layer, checked; returns (fields, cells)."""
    t = layout.weights == "in_out"
    if layout.gates == "stacked":
        W = _matrix(layer.W, name + ".W")
        W = W.T if t else W
        if W.shape[0] % 4 != 0 or W.shape[1] != width:
            raise ValueError("%s.W: expected [4*cells][%d] = [W_i; W_f; W_g; W_o]%s, got shape %s"
                             % (name, width, " transposed (weights='in_out')" if t else "", _matrix(layer.W, "W").shape))
        cells = W.shape[0] // 4
        U = _matrix(layer.U, name + ".U")
        U = U.T if t else U
        if U.shape != (4 * cells, cells):
            raise ValueError("%s.U: expected [%d][%d] (4*cells x cells)%s, got shape %s"
                             % (name, 4 * cells, cells, " transposed" if t else "", _matrix(layer.U, "U").shape))
        b = _vector(layer.b, 4 * cells, name + ".b")
        fields = {"W": (W.T if t else W), "U": (U.T if t else U), "b": b}
    else:
        if len(layer.W) != 4 or len(layer.U) != 4 or len(layer.b) != 4:
            raise ValueError("%s: gates='separate' takes W, U and b as lists of 4 arrays (gates i, f, g, o)" % name)
        first = _matrix(layer.W[0], name + ".W_i")
        cells = first.shape[1] if t else first.shape[0]
        fields = {}
        for kind, shape in (("W", (cells, width)), ("U", (cells, cells))):
            for q, gate in enumerate(GATES):
                key = "%s_%s" % (kind, gate)
                m = _matrix(getattr(layer, kind)[q], name + "." + key)
                if (m.T if t else m).shape != shape:
                    raise ValueError("%s.%s: expected shape %s (%s), got %s"
                                     % (name, key, shape[::-1] if t else shape,
                                        "[in][cells]" if t else "[cells][in]", m.shape))
                fields[key] = m
        for q, gate in enumerate(GATES):
            fields["b_" + gate] = _vector(layer.b[q], cells, "%s.b_%s" % (name, gate))
    for key, value in fields.items():
        _finite(value, name + "." + key)
    return {k: np.asarray(v).tolist() for k, v in fields.items()}, cells


def _lstm_model_document(inputs, layers, loss, reduction, layout, scale):
    if layout.gates is None:
        raise ValueError("layout: an LSTM model states gates='separate' or 'stacked' (gate order i, f, g, o)")
    if not isinstance(layers[-1], Dense) or any(isinstance(l, Dense) for l in layers[:-1]) or len(layers) < 2:
        raise ValueError("layers: an LSTM model is Lstm layers, then exactly one Dense head (last)")
    width = int(inputs)
    out = []
    for i, layer in enumerate(layers[:-1]):
        fields, cells = _lstm_parameters(layer, "lstm%d" % (i + 1), width, layout)
        entry = {"type": "lstm", "cells": cells}
        entry.update(fields)
        out.append(entry)
        width = cells
    head = layers[-1]
    if head.head not in HEADS:
        raise ValueError("head: the Dense layer after Lstm layers says head='last_step' or 'every_step'")
    stored = _matrix(head.weights, "head weights")
    _finite(stored, "head weights")
    units = _units_of(stored, layout, width, "head weights")
    entry = {"type": "dense", "head": head.head, "units": units, "activation": head.activation,
             "weights": stored.tolist()}
    if layout.bias == "separate":
        if head.bias is None:
            raise ValueError("head: the layout says bias 'separate' but no bias was given")
        b = _vector(head.bias, units, "head bias")
        _finite(b, "head bias")
        entry["bias"] = b.tolist()
    elif head.bias is not None:
        raise ValueError("head: the layout puts the bias inside W (bias %r); do not pass a separate bias" % layout.bias)
    out.append(entry)
    loss_entry = {"name": loss, "reduction": reduction}
    if scale != 1:
        loss_entry["scale"] = float(scale)
    return {"format": "gradproof-model", "version": 1, "layout": layout.as_json(), "inputs": int(inputs),
            "layers": out, "loss": loss_entry}


def sequence_batch_document(inputs, targets, initial_state=None):
    """A gradproof-batch of sequences for an LSTM model, axes [seq][batch][features] (transpose batch_first arrays:
    x.transpose(1, 0, 2)). targets: [batch][outputs] for a last-step head, [seq][batch][outputs] for an every-step
    head. initial_state (optional, default zeros): [layers][2][batch][cells], [l][0] = h_0, [l][1] = c_0 (a list of
    per-layer arrays [2][batch][cells] when the layers' cells differ)."""
    x = np.asarray(inputs, dtype=np.float64)
    if x.ndim != 3:
        raise ValueError("inputs: expected a 3-D array [seq][batch][features], got shape %s" % (x.shape,))
    y = np.asarray(targets, dtype=np.float64)
    if y.ndim == 2 and y.shape[0] != x.shape[1]:
        raise ValueError("targets: axis 0 (batch) must have %d entries like inputs %s, got shape %s"
                         % (x.shape[1], x.shape, y.shape))
    if y.ndim == 3 and y.shape[:2] != x.shape[:2]:
        raise ValueError("targets: expected [%d][%d][outputs] ([seq][batch][outputs] like inputs %s), got shape %s"
                         % (x.shape[0], x.shape[1], x.shape, y.shape))
    if y.ndim not in (2, 3):
        raise ValueError("targets: expected [batch][outputs] or [seq][batch][outputs], got shape %s" % (y.shape,))
    _finite(x, "inputs")
    _finite(y, "targets")
    doc = {"format": "gradproof-batch", "version": 1, "examples": "sequences", "axes": "seq_batch_features",
           "inputs": x.tolist(), "targets": y.tolist()}
    if initial_state is not None:
        state = []
        for l, layer in enumerate(initial_state):
            s = np.asarray(layer, dtype=np.float64)
            if s.ndim != 3 or s.shape[0] != 2 or s.shape[1] != x.shape[1]:
                raise ValueError("initial_state[%d]: expected [2][%d][cells] (h, c; batch %d), got shape %s"
                                 % (l, x.shape[1], x.shape[1], s.shape))
            _finite(s, "initial_state[%d]" % l)
            state.append(s.tolist())
        doc["initial_state"] = state
    return doc


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
        if name.startswith("lstm"):
            if layout.gates is None:
                raise ValueError("%s: an LSTM model's gradients state layout gates='separate' or 'stacked'" % name)
            kind = name.split(".", 1)[1][:1]
            out[name] = (_matrix(a, name).tolist() if kind in ("W", "U") else a.reshape(-1).tolist())
            continue
        if name.endswith(".W"):
            out[name] = _matrix(a, name).tolist()
        elif name.endswith(".b"):
            if layout.bias != "separate":
                raise ValueError("%s: the layout puts the bias inside W (bias %r): its gradient belongs in the W block"
                                 % (name, layout.bias))
            out[name] = a.reshape(-1).tolist()
        else:
            raise ValueError("%s: block names are denseN.W, denseN.b, head.W, head.b or lstmN.W_i … lstmN.b_o "
                             "(lstmN.W, .U, .b stacked)" % name)
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


def write_sequence_batch(path, inputs, targets, initial_state=None):
    _write(path, sequence_batch_document(inputs, targets, initial_state))


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


# ------------------------------------------------------------------------------------------------- From PyTorch
#
# The mapping rules, in one place. A model document is gradproof's reference network at your weights; these say which
# PyTorch module or expression each gradproof name is, so that the document describes *your* network. Anything not
# here is refused by name.
#
# Layers: nn.Linear is a dense layer with "weights": "out_in" (weight as it is) and a separate bias (zeros when
# bias=False); the module after it, if any, is its activation (none, or nn.Identity: "identity").
TORCH_ACTIVATIONS = {
    "Identity": "identity",
    "Sigmoid": "sigmoid",
    "Tanh": "tanh",
    "ReLU": "relu",                 # relu'(0) = 0 in both
    "LeakyReLU": "leaky_relu",      # negative_slope kept: leaky_relu(0.2); torch's default 0.01 is plain leaky_relu
    "Softplus": "softplus",         # beta must be 1. torch returns z itself above `threshold` (default 20); gradproof
                                    # computes log(1 + e^z) everywhere: they differ by log1p(e^-z) < 2.1e-9 there
    "Softmax": "softmax",           # over the units of each example: dim=-1 (or 1 on a batch x units tensor)
    "ErfLogistic": "erf_logistic",  # no torch module: torch_erf_logistic() makes one, 0.5 * (1 + torch.erf(z)); this is
                                    # not the normal CDF 0.5 * (1 + erf(z / sqrt(2))) (torch.special.ndtr)
}
# Losses: L = scale * reduction over the m examples of a per-example loss, which sums over the K output units for
# every loss but mse (which averages over them). torch_loss(name, reduction, output, target) is each one in torch;
# as PyTorch's own functions (reduction "mean" divides by m only, where torch's "mean" divides by every element):
TORCH_LOSSES = {
    "mse": "F.mse_loss(out, y) (mean: torch averages over m*K, the same); sum: F.mse_loss(out, y, reduction='sum') / K",
    "sse": "F.mse_loss(out, y, reduction='sum'), divided by m for mean",
    "half_sse": "0.5 * F.mse_loss(out, y, reduction='sum'), divided by m for mean",
    "bce": "F.binary_cross_entropy(p, y, reduction='sum') (after sigmoid or erf_logistic), divided by m for mean",
    "sigmoid_bce": "F.binary_cross_entropy_with_logits(z, y, reduction='sum'), divided by m for mean",
    "softmax_cross_entropy": "F.cross_entropy(z, y) with y one-hot or probabilities (reduction 'mean' or 'sum')",
    "cross_entropy": "-(y * torch.log(p)).sum() after a Softmax layer, divided by m for mean",
}


def _torch():
    try:
        import torch
    except ImportError as e:
        raise ImportError("the PyTorch functions of gradproof_io need torch (pip install torch, or apt-get install "
                          "python3-torch); the rest of gradproof_io needs numpy only") from e
    return torch


def torch_erf_logistic():
    """A torch module computing gradproof's erf_logistic, 0.5 * (1 + erf(z)), for use in nn.Sequential."""
    torch = _torch()

    class ErfLogistic(torch.nn.Module):
        def forward(self, z):
            return 0.5 * (1 + torch.erf(z))

    return ErfLogistic()


def _torch_activation(module, where):
    """The gradproof name of an activation module, by TORCH_ACTIVATIONS; an error naming it otherwise."""
    kind = type(module).__name__
    if kind not in TORCH_ACTIVATIONS:
        raise ValueError("%s: %s has no gradproof equivalent; gradproof maps %s after each Linear"
                         % (where, kind, ", ".join(sorted(TORCH_ACTIVATIONS))))
    if kind == "LeakyReLU":
        slope = float(module.negative_slope)
        return "leaky_relu" if slope == 0.01 else "leaky_relu(%r)" % slope
    if kind == "Softplus" and float(module.beta) != 1:
        raise ValueError("%s: Softplus(beta=%r): gradproof's softplus is log(1 + e^z), beta 1" % (where, module.beta))
    if kind == "Softmax" and module.dim not in (-1, 1):
        raise ValueError("%s: Softmax(dim=%r): gradproof's softmax is over each example's units (dim=-1)"
                         % (where, module.dim))
    return TORCH_ACTIVATIONS[kind]


def _numpy(tensor):
    return tensor.detach().cpu().double().numpy()


def _torch_dense_layers(sequential):
    """The Linear layers of an nn.Sequential with their activations: [(linear, activation name)]."""
    torch = _torch()
    modules = list(sequential)
    layers = []
    i = 0
    while i < len(modules):
        m = modules[i]
        if not isinstance(m, torch.nn.Linear):
            raise ValueError("module %d: expected a Linear (each layer is a Linear, then optionally its activation), "
                             "got %s" % (i, type(m).__name__))
        activation = "identity"
        if i + 1 < len(modules) and not isinstance(modules[i + 1], torch.nn.Linear):
            activation = _torch_activation(modules[i + 1], "module %d" % (i + 1))
            i += 1
        layers.append((m, activation))
        i += 1
    if not layers:
        raise ValueError("the Sequential has no Linear layer")
    return layers


def torch_model_document(sequential, loss, reduction, scale=1.0):
    """A gradproof-model document of an nn.Sequential of Linear layers, each optionally followed by one activation
    module (TORCH_ACTIVATIONS); loss and reduction as in TORCH_LOSSES."""
    layers = []
    for linear, activation in _torch_dense_layers(sequential):
        W = _numpy(linear.weight)
        b = _numpy(linear.bias) if linear.bias is not None else np.zeros(W.shape[0])
        layers.append(Dense(W, activation, b))
    return model_document(sequential[0].in_features, layers, loss, reduction, Layout("out_in", "separate"), scale)


def _torch_lstm_check(lstm):
    if lstm.bidirectional or getattr(lstm, "proj_size", 0):
        raise ValueError("nn.LSTM: bidirectional and proj_size > 0 have no gradproof equivalent")


def torch_lstm_model_document(lstm, head, placement, loss, reduction, head_activation="identity", scale=1.0):
    """A gradproof-model document of an nn.LSTM followed by an nn.Linear head reading the top layer's h at the last
    step (placement "last_step") or at every step ("every_step"); the gates stacked as PyTorch stores them (i, f, g, o),
    each layer's two biases summed (bias_ih + bias_hh: only their sum acts). The batch goes as write_sequence_batch(X,
    Y, initial_state) with X [seq][batch][features] (X.transpose(0, 1) if batch_first) and, for PyTorch's (h0, c0) of
    shape [layers][batch][hidden] each, initial_state = np.stack([h0, c0], axis=1)."""
    _torch_lstm_check(lstm)
    layers = []
    for k in range(lstm.num_layers):
        W = _numpy(getattr(lstm, "weight_ih_l%d" % k))
        U = _numpy(getattr(lstm, "weight_hh_l%d" % k))
        b = (_numpy(getattr(lstm, "bias_ih_l%d" % k)) + _numpy(getattr(lstm, "bias_hh_l%d" % k))
             if lstm.bias else np.zeros(W.shape[0]))
        layers.append(Lstm(W, U, b))
    hb = _numpy(head.bias) if head.bias is not None else np.zeros(head.out_features)
    layers.append(Dense(_numpy(head.weight), head_activation, hb, head=placement))
    return model_document(lstm.input_size, layers, loss, reduction, Layout("out_in", "separate", "stacked"), scale)


def torch_gradients_document(model, loss=None, head=None):
    """Your gradients as autograd left them in .grad (after loss.backward()), named as the model document names its
    blocks: an nn.Sequential's Linear layers are dense1, dense2, …; an nn.LSTM (with head=its nn.Linear) is lstm1.W
    (weight_ih_l0), lstm1.U (weight_hh_l0), lstm1.b (bias_ih_l0's gradient, which equals bias_hh_l0's), …, head.W,
    head.b. A parameter without a gradient is an error naming it, and so is a layer without a bias: the model document
    gives it a zero bias (the interchange has no bias-free layer), whose gradient torch does not compute — give the
    layer a bias fixed at zero (bias=True, then nn.init.zeros_) to compare gradients."""
    torch = _torch()

    def grad(p, name):
        if p is None:
            raise ValueError("%s: the layer has no bias (bias=False), so torch computes no gradient for the zero bias "
                             "of the model document; give it a bias fixed at zero to compare gradients" % name)
        if p.grad is None:
            raise ValueError("%s: no gradient (call loss.backward() first; is it used by the loss?)" % name)
        return _numpy(p.grad)

    blocks = {}
    if isinstance(model, torch.nn.LSTM):
        if head is None:
            raise ValueError("head: an nn.LSTM's gradients need its nn.Linear head too")
        _torch_lstm_check(model)
        for k in range(model.num_layers):
            name = "lstm%d" % (k + 1)
            blocks[name + ".W"] = grad(getattr(model, "weight_ih_l%d" % k), name + ".W")
            blocks[name + ".U"] = grad(getattr(model, "weight_hh_l%d" % k), name + ".U")
            blocks[name + ".b"] = grad(getattr(model, "bias_ih_l%d" % k, None), name + ".b")
        blocks["head.W"] = grad(head.weight, "head.W")
        blocks["head.b"] = grad(head.bias, "head.b")
        return gradients_document(blocks, Layout("out_in", "separate", "stacked"), loss)
    for i, (linear, _) in enumerate(_torch_dense_layers(model)):
        name = "dense%d" % (i + 1)
        blocks[name + ".W"] = grad(linear.weight, name + ".W")
        blocks[name + ".b"] = grad(linear.bias, name + ".b")
    return gradients_document(blocks, Layout("out_in", "separate"), loss)


def torch_loss(name, reduction, output, target, scale=1.0):
    """gradproof's loss `name` with `reduction` over the m rows of output and target, in torch (TORCH_LOSSES): the
    loss whose gradients a gradproof-gradients document must hold. For an every-step LSTM head, pass the rows of all
    steps stacked ([T*m][K]): "mean" then averages over the T*m rows, as gradproof does."""
    F = _torch().nn.functional
    m, k = output.shape
    if name == "mse":
        total = F.mse_loss(output, target, reduction="sum") / k
    elif name == "sse":
        total = F.mse_loss(output, target, reduction="sum")
    elif name == "half_sse":
        total = 0.5 * F.mse_loss(output, target, reduction="sum")
    elif name == "bce":
        total = F.binary_cross_entropy(output, target, reduction="sum")
    elif name == "sigmoid_bce":
        total = F.binary_cross_entropy_with_logits(output, target, reduction="sum")
    elif name == "softmax_cross_entropy":
        total = F.cross_entropy(output, target, reduction="sum")
    elif name == "cross_entropy":
        total = -(target * _torch().log(output)).sum()
    else:
        raise ValueError("loss: expected one of %s, got %r" % (", ".join(TORCH_LOSSES), name))
    if reduction not in REDUCTIONS:
        raise ValueError("reduction: expected one of %s, got %r" % (REDUCTIONS, reduction))
    return scale * (total / m if reduction == "mean" else total)


def write_torch_model(path, sequential, loss, reduction, scale=1.0):
    _write(path, torch_model_document(sequential, loss, reduction, scale))


def write_torch_lstm_model(path, lstm, head, placement, loss, reduction, head_activation="identity", scale=1.0):
    _write(path, torch_lstm_model_document(lstm, head, placement, loss, reduction, head_activation, scale))


def write_torch_gradients(path, model, loss=None, head=None):
    _write(path, torch_gradients_document(model, loss, head))
