"""Runs the seeds' own code on weights and data that a caller sends, and prints the loss and the gradients it
computes: how the catalogue's Java rebuilds are held to the code the seeds posted (SeedCodeFidelityTest, and the
catalogue report's per-fixture fidelity line).

Input (standard input, or the file named as the first argument), JSON:
    {"calls": [{"program": "seed000.nn_class", "as_written": ["SIGMOID_DERIVATIVE_OF_Z"],
                "arrays": {"weights[0]": [[...], ...], ...}}, ...]}
  program     MODULE.PROGRAM: a function of python/seeds/MODULE.py that runs the seed's code
  as_written  the seed lines to keep as the seed wrote them (the catalogue's names for its mistakes); every other
              line that a catalogue fixture fixes is run with its fix (each marked '# FIX BP-..' in the module)
  arrays      the weights, by the Java rebuild's block names, and the data; nested lists
Output (standard output), JSON, one result per call in order:
    {"results": [{"loss": 0.69, "gradients": {"weights[0]": [[...]], ...}} | {"error": "..."}]}
Floats are written with repr(), which reads back bit for bit; NaN and infinities as the strings "NaN", "Infinity".
"""
import importlib
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def plain(value):
    """numpy arrays and scalars as nested lists of floats; non-finite values as strings."""
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value] if value.ndim > 0 else plain(value.item())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def run(call):
    module_name, _, program = call["program"].partition(".")
    module = importlib.import_module(module_name)
    loss, gradients = getattr(module, program)(frozenset(call.get("as_written", [])), call["arrays"])
    return {"loss": plain(loss), "gradients": {name: plain(g) for name, g in gradients.items()}}


def main():
    source = open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin
    request = json.load(source)
    results = []
    for call in request["calls"]:
        try:
            results.append(run(call))
        except Exception as e:  # one call's failure is its result, not the batch's
            results.append({"error": "%s: %s" % (type(e).__name__, e)})
    json.dump({"results": results}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
