"""Seed 004's MLP (numpy, W stored [in][out] as in z = x @ W + b.T, sigmoid on every layer, loss
sum((fp - target)**2 / m)), dumped to gradproof's JSON and checked with `gradproof compare`: one hidden unit at
batch 1 and batch 4, then the seed's two hidden units at batch 1.

The class is the seed's text, repaired only where the scraped text lost characters (each such line is marked
# REPAIRED); its bugs are left in, including the hidden layers that are built and never appended (catalogue BP-62),
so the network that runs is 2-2-1. Run:  python3 python/examples/seed004_mlp.py [OUTPUT_DIR]
"""
import os
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import gradproof_io as gp  # noqa: E402


# ---------------------------------------------------------------------------------------------- the seed's code
class MLP:
    @staticmethod  # REPAIRED: decorator lost (the class calls it as self.glorot_initializer(fan_in, fan_out))
    def glorot_initializer(fan_in, fan_out):
        factor = 4 * np.sqrt(6 / (fan_in + fan_out))
        return np.random.uniform(-factor, factor, (fan_in, fan_out))

    @staticmethod  # REPAIRED: decorator lost
    def relu(x):
        return np.maximum(x, 0)

    @staticmethod  # REPAIRED: decorator lost
    def step(x):
        return np.heaviside(x, 1)

    @staticmethod  # REPAIRED: decorator lost (called as self.sigmoid(x) and MLP.sigmoid(x))
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    @staticmethod  # REPAIRED: decorator lost
    def sigmoid_diff(x):
        sig = MLP.sigmoid(x)
        return sig * (1 - sig)

    def __init__(self, input_size, output_size, hidden_layers, hidden_size):
        self.input_size = input_size
        self.output_size = output_size
        self.hidden_size = hidden_size
        self.layers = list()
        self.grads = list()

        # input layer
        W = self.glorot_initializer(input_size, hidden_size)
        b = np.zeros((hidden_size, 1))
        self.layers.append(dict(W=W, b=b, type='input'))

        # hidden layers
        for i in range(hidden_layers):
            W = self.glorot_initializer(hidden_size, hidden_size)
            b = np.zeros((hidden_size, 1))
            layer = dict(W=W, b=b, type='hidden')

        # output layer
        W = self.glorot_initializer(hidden_size, output_size)
        b = np.zeros((output_size, 1))
        self.layers.append(dict(W=W, b=b, type='output'))

    def forward_pass(self, x):
        for layer in self.layers:
            x = np.dot(x, layer['W']) + layer['b'].T
            layer['output'] = x
            x = self.sigmoid(x)
            layer['activation_output'] = x
        return x

    def backward_pass(self, x, y, forward_pass):
        m = y.shape[0]
        dlda = 2*(y - forward_pass)  # considering MSE
        dlda = np.sum(dlda, axis=0, keepdims=True) / m
        self.grads = list()

        for i in range(len(self.layers)-1, -1, -1):
            grad = dict()

            z = self.layers[i]['output']
            dadz = np.sum(self.sigmoid_diff(z), axis=0, keepdims=True) / m
            if self.layers[i]['type'] == 'input':
                dzdw = np.sum(x, axis=0, keepdims=True) / m
            else:  # REPAIRED: lost line
                dzdw = np.sum(self.layers[i-1]['activation_output'], axis=0, keepdims=True) / m

            grad['b'] = dlda.dot(dadz).T
            grad['W'] = dlda.dot(dadz).T.dot(dzdw).T
            dzda_prev = self.layers[i]['W'].T
            dlda = np.sum(dlda.dot(dadz).dot(dzda_prev), axis=1, keepdims=True)
            self.grads.insert(0, grad)  # REPAIRED: lost line (update_parameters zips grads with layers in order)

        return self.grads

    def update_parameters(self, lr=0.2):
        for layer, grad in zip(self.layers, self.grads):
            layer['W'] -= lr * grad['W']
            layer['b'] -= lr * grad['b']


input = np.array([[0, 0], [1, 1], [0, 1], [1, 0]])
target = np.array([[0.0], [0.0], [1.0], [1.0]])


# ------------------------------------------------------------------------------------- dump and ask gradproof
def dump(mlp, x, y, out, name):
    fp = mlp.forward_pass(x)
    grads = mlp.backward_pass(x, y, fp)
    loss = np.sum((fp - y)**2 / fp.shape[0])
    # W is stored [in][out] (x @ W), b separately as a column vector: that is the layout, stated
    layout = gp.Layout(weights="in_out", bias="separate")
    # sum((fp - y)**2 / m) with one output unit is the mean squared error over the batch: mse, mean
    gp.write_model(os.path.join(out, name + "-model.json"), inputs=x.shape[1], layout=layout,
                   layers=[gp.Dense(layer['W'], "sigmoid", layer['b']) for layer in mlp.layers],
                   loss="mse", reduction="mean")
    gp.write_batch(os.path.join(out, name + "-batch.json"), x, y, examples="rows")
    blocks = {}
    for i, grad in enumerate(grads):
        blocks["dense%d.W" % (i + 1)] = grad['W']
        blocks["dense%d.b" % (i + 1)] = grad['b']
    gp.write_gradients(os.path.join(out, name + "-gradients.json"), blocks, layout=layout, loss=loss)
    return [os.path.join(out, name + suffix) for suffix in ("-model.json", "-batch.json", "-gradients.json")]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="gradproof-seed004-")
    os.makedirs(out, exist_ok=True)
    codes = []
    # hidden_size=1 first: backward_pass passes the error down as np.sum(..., axis=1), summed over the layer's units
    # (catalogue BP-64), which is exact for a single unit; so with one hidden unit the sign flip and the averaging are
    # all there is. With the seed's two units at batch 1, BP-64 shows beside the sign flip.
    runs = [(1, input[2:3], "the XOR row [0, 1]", "hidden1-batch1"),
            (1, input, "the 4 XOR rows", "hidden1-batch4"),
            (2, input[2:3], "the XOR row [0, 1]", "hidden2-batch1")]
    for hidden_size, x, rows, name in runs:
        np.random.seed(4)
        mlp = MLP(input_size=2, output_size=1, hidden_layers=2, hidden_size=hidden_size)
        y = target[:len(x)] if len(x) > 1 else target[2:3]
        print("seed 004: MLP(2, 1, hidden_layers=2, hidden_size=%d) (2-%d-1 as built), %s"
              % (hidden_size, hidden_size, rows))
        codes.append(gp.run_gradproof("compare", *dump(mlp, x, y, out, "seed004-" + name)))
        print()
    # 1 = gradproof found the gradients wrong, which is what this example shows; anything else is a failure
    sys.exit(0 if codes == [1, 1, 1] else 1)


if __name__ == "__main__":
    main()
