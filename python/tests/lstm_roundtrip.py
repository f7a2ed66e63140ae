"""Rewrites an LSTM model (gates separate, W as [out][in]) with gradproof_io in PyTorch's stacked layout, in Keras'
(stacked, transposed) and separate-transposed, and its sequence batch from numpy arrays, for the build's round-trip
test:  python3 lstm_roundtrip.py MODEL BATCH OUT_DIR"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import gradproof_io as gp  # noqa: E402


def main(model_file, batch_file, out):
    model = gp.read_json(model_file)
    assert model["layout"] == {"weights": "out_in", "bias": "separate", "gates": "separate"}, model["layout"]
    lstm = [l for l in model["layers"] if l["type"] == "lstm"]
    head = model["layers"][-1]
    for weights, gates in (("out_in", "stacked"), ("in_out", "stacked"), ("in_out", "separate")):
        t = (lambda m: np.asarray(m).T) if weights == "in_out" else np.asarray
        layers = []
        for l in lstm:
            W = [np.asarray(l["W_" + q]) for q in gp.GATES]
            U = [np.asarray(l["U_" + q]) for q in gp.GATES]
            b = [np.asarray(l["b_" + q]) for q in gp.GATES]
            if gates == "stacked":  # PyTorch: weight_ih = [W_i; W_f; W_g; W_o]
                layers.append(gp.Lstm(t(np.vstack(W)), t(np.vstack(U)), np.concatenate(b)))
            else:
                layers.append(gp.Lstm([t(w) for w in W], [t(u) for u in U], b))
        layers.append(gp.Dense(t(head["weights"]), head["activation"], head["bias"], head=head["head"]))
        layout = gp.Layout(weights, "separate", gates)
        gp.write_model(os.path.join(out, "model_%s_%s.json" % (weights, gates)), model["inputs"], layers,
                       model["loss"]["name"], model["loss"]["reduction"], layout, model["loss"].get("scale", 1.0))
    batch = gp.read_json(batch_file)
    state = [np.asarray(s) for s in batch["initial_state"]]
    gp.write_sequence_batch(os.path.join(out, "batch.json"), np.asarray(batch["inputs"]),
                            np.asarray(batch["targets"]), state)


if __name__ == "__main__":
    main(*sys.argv[1:4])
