"""Rewrites a model and its gradients (both in the reference layout, W [out][in], b separate) in every layout with
gradproof_io, for the build's round-trip test:  python3 layout_roundtrip.py MODEL GRADIENTS OUT_DIR"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import gradproof_io as gp  # noqa: E402


def main(model_file, gradients_file, out):
    model = gp.read_json(model_file)
    grads = gp.read_json(gradients_file)
    reference = gp.Layout(**model["layout"])
    assert (reference.weights, reference.bias) == ("out_in", "separate"), model["layout"]
    for weights in gp.WEIGHT_ORDERS:
        for bias in gp.BIAS_PLACEMENTS:
            layout = gp.Layout(weights, bias)
            layers, blocks = [], {}
            for i, layer in enumerate(model["layers"]):
                name = "dense%d" % (i + 1)
                W, b = gp.from_layout(layer["weights"], layer["bias"], reference)
                stored, sep = gp.to_layout(W, b, layout)
                layers.append(gp.Dense(stored, layer["activation"], sep))
                gW, gb = gp.from_layout(grads["blocks"][name + ".W"], grads["blocks"][name + ".b"], reference)
                stored, sep = gp.to_layout(gW, gb, layout)
                blocks[name + ".W"] = stored
                if sep is not None:
                    blocks[name + ".b"] = sep
            suffix = "%s_%s.json" % (weights, bias)
            gp.write_model(os.path.join(out, "model_" + suffix), model["inputs"], layers, model["loss"]["name"],
                           model["loss"]["reduction"], layout, model["loss"].get("scale", 1.0))
            gp.write_gradients(os.path.join(out, "gradients_" + suffix), blocks, layout, grads.get("loss"))


if __name__ == "__main__":
    main(*sys.argv[1:4])
