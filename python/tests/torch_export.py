"""Random PyTorch models exported with gradproof_io's PyTorch section, for the build's cross-check: for each case,
writes case_NN_model.json, case_NN_batch.json and case_NN_torch.json (torch autograd's gradients and loss, in float64,
with the loss built by gp.torch_loss), which the Java side compares with gradproof's reference gradients.

    python3 torch_export.py OUT_DIR [CASES] [float32]

With float32, the dense models, their batches (8 to 32 examples) and autograd run in single precision, PyTorch's default:
the gradients are float32 values, right only to float rounding.

Prints "SKIPPED: …" and exits 0 when torch is not installed (CI does not install it)."""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import gradproof_io as gp  # noqa: E402

try:
    import torch
except ImportError:
    print("SKIPPED: torch is not installed for %s (apt-get install -y python3-torch)" % sys.executable)
    sys.exit(0)

import numpy as np  # noqa: E402

HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "leaky_relu(0.2)", "softplus", "erf_logistic"]
# (output activation, loss, targets)
HEADS = [("identity", "mse", "real"), ("identity", "sse", "real"), ("identity", "half_sse", "real"),
         ("sigmoid", "bce", "binary"), ("erf_logistic", "bce", "binary"), ("identity", "sigmoid_bce", "binary"),
         ("identity", "softmax_cross_entropy", "one_hot"), ("softmax", "cross_entropy", "one_hot")]


def module(activation):
    nn = torch.nn
    return {"identity": nn.Identity(), "sigmoid": nn.Sigmoid(), "tanh": nn.Tanh(), "relu": nn.ReLU(),
            "leaky_relu": nn.LeakyReLU(), "leaky_relu(0.2)": nn.LeakyReLU(0.2), "softplus": nn.Softplus(),
            "erf_logistic": gp.torch_erf_logistic(), "softmax": nn.Softmax(dim=-1)}[activation]


def targets(kind, rows, k, rng):
    if kind == "real":
        return torch.randn(rows, k, dtype=torch.float64)
    if kind == "binary":
        return torch.bernoulli(torch.full((rows, k), 0.5, dtype=torch.float64))
    y = torch.zeros(rows, k, dtype=torch.float64)
    for n in range(rows):
        y[n, rng.randrange(k)] = 1
    return y


def dense_case(rng, dtype=torch.float64):
    output, loss, kind = rng.choice(HEADS)
    widths = [rng.randint(1, 5) for _ in range(rng.randint(1, 3) + 1)]
    if kind == "one_hot":
        widths[-1] = max(2, widths[-1])
    layers = []
    for l in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[l], widths[l + 1]))
        activation = output if l == len(widths) - 2 else rng.choice(HIDDEN)
        if activation != "identity" or rng.random() < 0.5:
            layers.append(module(activation))
    net = torch.nn.Sequential(*layers).to(dtype)
    m = rng.randint(1, 4) if dtype == torch.float64 else rng.randint(8, 32)
    x = torch.randn(m, widths[0], dtype=torch.float64).to(dtype)
    y = targets(kind, m, widths[-1], rng).to(dtype)
    reduction = rng.choice(gp.REDUCTIONS)
    value = gp.torch_loss(loss, reduction, net(x), y)
    value.backward()
    return (gp.torch_model_document(net, loss, reduction),
            gp.batch_document(x.double().numpy(), y.double().numpy(), "rows"),
            gp.torch_gradients_document(net, value.item()), "%s, %s/%s, batch %d, %s" % (net, loss, reduction, m, dtype))


def lstm_case(rng):
    inputs, cells, layers = rng.randint(1, 3), rng.randint(1, 4), rng.randint(1, 2)
    steps, m = rng.randint(1, 4), rng.randint(1, 3)
    classifier = rng.random() < 0.5
    k = 3 if classifier else 2
    loss = "softmax_cross_entropy" if classifier else "mse"
    placement = rng.choice(gp.HEADS)
    lstm = torch.nn.LSTM(inputs, cells, layers).double()
    head = torch.nn.Linear(cells, k).double()
    x = torch.randn(steps, m, inputs, dtype=torch.float64)
    h0 = torch.randn(layers, m, cells, dtype=torch.float64)
    c0 = torch.randn(layers, m, cells, dtype=torch.float64)
    out, _ = lstm(x, (h0, c0))
    if placement == "last_step":
        rows = head(out[-1])
        y = targets("one_hot" if classifier else "real", m, k, rng)
        y_doc = y.numpy()
    else:
        rows = head(out).reshape(steps * m, k)          # row t*m + n: step t, sequence n, as gradproof stacks them
        y = targets("one_hot" if classifier else "real", steps * m, k, rng)
        y_doc = y.numpy().reshape(steps, m, k)
    value = gp.torch_loss(loss, "mean", rows, y)
    value.backward()
    state = np.stack([h0.numpy(), c0.numpy()], axis=1)
    return (gp.torch_lstm_model_document(lstm, head, placement, loss, "mean"),
            gp.sequence_batch_document(x.numpy(), y_doc, state),
            gp.torch_gradients_document(lstm, value.item(), head=head),
            "%s + %s (%s), %s/mean, T %d, batch %d" % (lstm, head, placement, loss, steps, m))


def bias_free_layers_are_exported_with_a_zero_bias_but_their_gradients_refused():
    net = torch.nn.Sequential(torch.nn.Linear(2, 3, bias=False), torch.nn.Tanh(), torch.nn.Linear(3, 1)).double()
    doc = gp.torch_model_document(net, "mse", "mean")
    assert doc["layers"][0]["bias"] == [0.0, 0.0, 0.0], doc["layers"][0]
    gp.torch_loss("mse", "mean", net(torch.ones(1, 2, dtype=torch.float64)), torch.zeros(1, 1,
                  dtype=torch.float64)).backward()
    try:
        gp.torch_gradients_document(net)
    except ValueError as e:
        assert str(e).startswith("dense1.b: the layer has no bias (bias=False)"), e
    else:
        raise AssertionError("a bias-free layer's gradients must be refused")


def unsupported_modules_are_refused_by_name():
    for net, message in ((torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.GELU()), "module 1: GELU has no "),
                         (torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Softplus(beta=2)),
                          "module 1: Softplus(beta=2)"),
                         (torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Softmax(dim=0)),
                          "module 1: Softmax(dim=0)")):
        try:
            gp.torch_model_document(net, "mse", "mean")
        except ValueError as e:
            assert str(e).startswith(message), e
        else:
            raise AssertionError("refused: %s" % net)


def main(out, cases, float32=False):
    bias_free_layers_are_exported_with_a_zero_bias_but_their_gradients_refused()
    unsupported_modules_are_refused_by_name()
    rng = random.Random(20)
    torch.manual_seed(20)
    for i in range(cases):
        if float32:
            model, batch, grads, what = dense_case(rng, torch.float32)
        else:
            model, batch, grads, what = (lstm_case if i % 3 == 2 else dense_case)(rng)
        for suffix, doc in (("model", model), ("batch", batch), ("torch", grads)):
            gp._write(os.path.join(out, "case_%02d_%s.json" % (i, suffix)), doc)
        print("case_%02d: %s" % (i, what.replace("\n", " ")))
    print("exported %d PyTorch models with torch %s" % (cases, torch.__version__))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30, len(sys.argv) > 3 and sys.argv[3] == "float32")
