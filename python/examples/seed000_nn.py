"""Seed 000's NN class (a numpy network with the bias as the last column of each W, sigmoid hidden layer, softmax
output, cross-entropy divided by the number of classes), dumped to gradproof's JSON and checked with
`gradproof compare`.

The class is the seed's text, repaired only where the scraped text lost characters (each such line is marked
# REPAIRED); its bugs are left in. Run:  python3 python/examples/seed000_nn.py [OUTPUT_DIR]
"""
import contextlib
import io
import os
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import gradproof_io as gp  # noqa: E402


# ---------------------------------------------------------------------------------------------- the seed's code
def sigmoid(n, deriv=False):
    if deriv:
        return np.multiply(n, np.subtract(1, n))
    return 1 / (1 + np.exp(-n))


def softmax(X, deriv=False):
    if not deriv:
        exps = np.exp(X - np.max(X))
        return exps / np.sum(exps)
    raise Error('Unimplemented')  # noqa: F821 (as in the seed; never reached)


def cross_entropy(y, p, deriv=False):
    """when deriv = True, returns deriv of cost wrt z"""  # REPAIRED: the docstring lost its quotes
    if deriv:
        ret = p - y
        return ret
    p = np.clip(p, 1e-12, 1. - 1e-12)
    N = p.shape[0]
    return -np.sum(y*np.log(p))/(N)


class NN:
    def __init__(self, layers, activations):
        """random initialization of weights/biases
        NOTE - biases are built into the standard weight matrices by adding an extra column
        and multiplying it by one in every layer"""
        self.activate_fns = activations
        self.weights = [np.random.rand(layers[1], layers[0]+1)]
        for i in range(1, len(layers)):
            if i != len(layers)-1:
                self.weights.append(np.random.rand(layers[i+1], layers[i]+1))
                for j in range(layers[i+1]):
                    for k in range(layers[i]+1):
                        if np.random.rand(1, 1)[0, 0] > .5:
                            self.weights[-1][j, k] = -self.weights[-1][j, k]

    def ff(self, X, get_activations=False):
        activations, zs = [], []
        for activate, w in zip(self.activate_fns, self.weights):
            X = np.vstack([X, np.ones((1, 1))])  # adding bias
            z = np.dot(w, X)  # REPAIRED: "z =" lost its right-hand side
            X = activate(z)
            if get_activations:
                activations.append(X)  # REPAIRED: lost line
                zs.append(z)  # REPAIRED: lost line
        return (activations, zs) if get_activations else X

    def grad_descent(self, data, epochs, learning_rate):
        """gradient descent
        data - list of 2 item tuples, the first item being an input, and the second being its label"""
        grad_w = [np.zeros_like(w) for w in self.weights]
        for _ in range(epochs):
            for x, y in data:
                grad_w = [n+o for n, o in zip(self.backprop(x, y), grad_w)]
            self.weights = [w-(learning_rate/len(data))*gw for w, gw in zip(self.weights, grad_w)]

    def backprop(self, X, y):
        """perfoms backprop for one layer of a NN with softmax/cross_entropy output layer"""
        (activations, zs) = self.ff(X, True)
        activations.insert(0, X)
        deltas = [0 for _ in range(len(self.weights))]
        grad_w = [0 for _ in range(len(self.weights))]
        deltas[-1] = cross_entropy(y, activations[-1], True)  # assumes output activation is softmax
        grad_w[-1] = np.dot(deltas[-1], np.vstack([activations[-2], np.ones((1, 1))]).transpose())  # REPAIRED: "np.dot(deltas" lost
        # The loop runs over the hidden layers only, i = len(weights) - 2 … 0; its activations[max(0, i-1)] is off by
        # one from i = 1 up (catalogue BP-21), so at the 2-2-2 below (i = 0 only) it reads the right array.
        for i in range(len(self.weights)-2, -1, -1):
            deltas[i] = np.dot(self.weights[i+1][:, :-1].transpose(), deltas[i+1]) * self.activate_fns[i](zs[i], True)  # REPAIRED: "np.dot(self.weights" lost
            grad_w[i] = np.hstack((np.dot(deltas[i], activations[max(0, i-1)].transpose()), deltas[i]))  # REPAIRED: "np.dot(deltas" lost
        # check gradient
        num_gw = self.gradient_check(X, y, i)
        print('numerical:', num_gw, '\nanalytic:', grad_w)
        return grad_w

    def gradient_check(self, x, y, i, epsilon=1e-4):
        """Numerically calculate the gradient in order to check analytical correctness"""
        grad_w = [np.zeros_like(w) for w in self.weights]
        for w, gw in zip(self.weights, grad_w):
            for j in range(w.shape[0]):
                for k in range(w.shape[1]):
                    w[j, k] += epsilon
                    out1 = cross_entropy(self.ff(x), y)
                    w[j, k] -= 2*epsilon
                    out2 = cross_entropy(self.ff(x), y)
                    gw[j, k] = np.float64(out1 - out2) / (2*epsilon)
                    w[j, k] += epsilon  # return weight to original value
        return grad_w


X = [np.array([[0], [0]]), np.array([[0], [1]]), np.array([[1], [0]]), np.array([[1], [1]])]
y = [np.array([[1], [0]]), np.array([[0], [1]]), np.array([[0], [1]]), np.array([[1], [0]])]
data = []
for x, t in zip(X, y):
    data.append((x, t))


# ------------------------------------------------------------------------------------- dump and ask gradproof
def dump(net, out, name):
    """The data set's gradient as grad_descent uses it: the per-example backprop results averaged over the data set
    (it sums them and scales by learning_rate/len(data)), for the loss averaged over the data set."""
    with contextlib.redirect_stdout(io.StringIO()):  # backprop prints its own (itself buggy) numerical check
        per_example = [net.backprop(x, t) for x, t in data]
    grads = [sum(g[l] for g in per_example) / len(data) for l in range(len(net.weights))]
    loss = np.mean([cross_entropy(t, net.ff(x)) for x, t in data])
    # W is stored [out][in] with the bias as the last column: that is the layout, stated
    layout = gp.Layout(weights="out_in", bias="last")
    # cross_entropy divides by N = p.shape[0], the number of classes (2): the loss scale 1/2, which its deriv branch
    # leaves out (catalogue BP-34: compare reports the gradient without the loss's scale)
    gp.write_model(os.path.join(out, name + "-model.json"), inputs=2, layout=layout,
                   layers=[gp.Dense(net.weights[0], "sigmoid"), gp.Dense(net.weights[1], "softmax")],
                   loss="cross_entropy", reduction="mean", scale=1 / 2)
    # one example per column, as the seed's column vectors
    gp.write_batch(os.path.join(out, name + "-batch.json"), np.hstack(X), np.hstack(y), examples="columns")
    gp.write_gradients(os.path.join(out, name + "-gradients.json"),
                       {"dense1.W": grads[0], "dense2.W": grads[1]}, layout=layout, loss=loss)
    return [os.path.join(out, name + suffix) for suffix in ("-model.json", "-batch.json", "-gradients.json")]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="gradproof-seed000-")
    os.makedirs(out, exist_ok=True)
    np.random.seed(0)
    # The seed calls NN([2, 2, 2], [sigmoid, sigmoid, softmax]): three activations for two weight matrices, and
    # ff's zip() drops the softmax (catalogue BP-22). Here the net gets the softmax its author meant, so that the
    # model document describes it and the comparison is about the backprop.
    net = NN([2, 2, 2], [sigmoid, softmax])
    # Expected: BP-20 (sigmoid(z, True) is z(1 - z)) besides the missing 1/2 (BP-34). BP-21's off-by-one is in the
    # code but cannot fire at 2-2-2; it needs three weight layers, NN([2, 2, 2, 2], ...).
    print("seed 000: NN([2, 2, 2], [sigmoid, softmax]), XOR, the gradient grad_descent steps along")
    codes = [gp.run_gradproof("compare", *dump(net, out, "seed000"))]

    print()
    print("seed 000 as the seed calls it: NN([2, 2, 2], [sigmoid, sigmoid, softmax]); zip() drops the softmax")
    as_called = NN([2, 2, 2], [sigmoid, sigmoid, softmax])
    as_called.weights = [w.copy() for w in net.weights]
    codes.append(gp.run_gradproof("compare", *dump(as_called, out, "seed000-as-called")))
    # 1 = gradproof found the gradients wrong, which is what this example shows; anything else is a failure
    sys.exit(0 if codes == [1, 1] else 1)


if __name__ == "__main__":
    main()
