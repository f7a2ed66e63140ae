"""Seed 000 (000_8ae03ce6c7b5791e.txt): the numpy NN class on XOR and its procedural rewrite, as posted.

The seed's lines are copied from the seed file. Where the scraped text lost characters the line is restored and
marked '# REPAIR: ...' (what was lost and why this reading). Where a catalogue fixture fixes a line, the seed's line is
kept and the fix sits beside it under `fixed(NAME)`, marked '# FIX BP-..'. Where the harness replaces the seed's
driving code (random weights, printing, the training loop) it says so with '# HARNESS: ...'.

Programs (called by driver.py with the lines to keep as written and the weights and data):
  nn_class    NN(widths, activations): the data set's loss, the mean of cross_entropy over the examples, and the
              gradient grad_descent steps along, the per-example backprop results averaged over the examples
  procedural  UPDATE #2's procedural rewrite (2-2-2), the same loss and averaging
"""
import numpy as np

import seedcode
from seedcode import fixed

# The seed lines a catalogue fixture fixes: the Java rebuild's names for them (BiasColumnNet.Mistake)
KNOWN = {
    "SIGMOID_DERIVATIVE_OF_Z",                   # BP-20
    "ACTIVATION_OF_THE_WRONG_LAYER",             # BP-21
    "SOFTMAX_NEVER_APPLIED",                     # BP-22
    "DELTA_WITHOUT_THE_LOSS_ONE_OVER_N",         # BP-34
    "HIDDEN_DELTA_THROUGH_W_NOT_ITS_TRANSPOSE",  # BP-30 (procedural rewrite only)
}


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
    """when deriv = True, returns deriv of cost wrt z"""  # REPAIR: the docstring lost its quotes (a bare line)
    if deriv:
        ret = p - y
        if fixed("DELTA_WITHOUT_THE_LOSS_ONE_OVER_N"):  # FIX BP-34: the loss below divides by N, so must its derivative
            ret = ret / p.shape[0]
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
            z = np.dot(w, X)  # REPAIR: "z =" lost its right-hand side; the layer's weights times [X; 1]
            X = activate(z)
            if get_activations:
                activations.append(X)  # REPAIR: lost line; backprop reads activations[-1] as the output p
                zs.append(z)  # REPAIR: lost line; backprop reads zs[i]
        return (activations, zs) if get_activations else X

    def backprop(self, X, y):
        """perfoms backprop for one layer of a NN with softmax/cross_entropy output layer"""
        (activations, zs) = self.ff(X, True)
        activations.insert(0, X)
        deltas = [0 for _ in range(len(self.weights))]
        grad_w = [0 for _ in range(len(self.weights))]
        deltas[-1] = cross_entropy(y, activations[-1], True)  # assumes output activation is softmax
        grad_w[-1] = np.dot(deltas[-1], np.vstack([activations[-2], np.ones((1, 1))]).transpose())  # REPAIR: "np.dot(deltas" lost
        for i in range(len(self.weights)-2, -1, -1):
            if fixed("SIGMOID_DERIVATIVE_OF_Z"):  # FIX BP-20: sigmoid(.., True) is a(1 - a): hand it the activation
                deltas[i] = np.dot(self.weights[i+1][:, :-1].transpose(), deltas[i+1]) * self.activate_fns[i](activations[i+1], True)
            else:
                deltas[i] = np.dot(self.weights[i+1][:, :-1].transpose(), deltas[i+1]) * self.activate_fns[i](zs[i], True)  # REPAIR: "np.dot(self.weights" lost
            if fixed("ACTIVATION_OF_THE_WRONG_LAYER"):  # FIX BP-21: activations[i] is the input of layer i
                grad_w[i] = np.hstack((np.dot(deltas[i], activations[i].transpose()), deltas[i]))
            else:
                grad_w[i] = np.hstack((np.dot(deltas[i], activations[max(0, i-1)].transpose()), deltas[i]))  # REPAIR: "np.dot(deltas" lost
        # check gradient
        # HARNESS: the seed's own numerical check and its print are left out here (the check is BP-25's subject)
        # num_gw = self.gradient_check(X, y, i)
        # print('numerical:', num_gw, '\nanalytic:', grad_w)
        return grad_w


def _data(arrays):
    """The examples as the seed's column vectors, from rows X and Y."""
    X = [np.array(x, dtype=float).reshape(-1, 1) for x in arrays["X"]]
    y = [np.array(t, dtype=float).reshape(-1, 1) for t in arrays["Y"]]
    return X, y


def _weights(arrays):
    ws, l = [], 0
    while "weights[%d]" % l in arrays:
        ws.append(np.array(arrays["weights[%d]" % l], dtype=float))
        l += 1
    return ws


def nn_class(as_written, arrays):
    seedcode.begin(as_written, KNOWN - {"HIDDEN_DELTA_THROUGH_W_NOT_ITS_TRANSPOSE"})
    weights = _weights(arrays)
    widths = [weights[0].shape[1] - 1] + [w.shape[0] for w in weights]
    # The seed calls NN([2, 2, 2], [sigmoid, sigmoid, softmax]): one activation per entry of layers, three for two
    # weight matrices, and ff's zip() stops at the shorter list, so the output layer gets the second sigmoid.
    if fixed("SOFTMAX_NEVER_APPLIED"):  # FIX BP-22: one activation per weight matrix, the softmax last
        activations = [sigmoid] * (len(widths) - 2) + [softmax]
    else:
        activations = [sigmoid] * (len(widths) - 1) + [softmax]
    net = NN(widths, activations)
    net.weights = weights  # HARNESS: the Java rebuild's weights in place of np.random.rand's
    X, y = _data(arrays)
    # HARNESS: grad_descent sums backprop over the data and steps by learning_rate/len(data): the gradient of the
    # mean of the per-example losses, which is what the Java rebuild's value() is
    per_example = [net.backprop(x, t) for x, t in zip(X, y)]
    grads = [sum(g[l] for g in per_example) / len(X) for l in range(len(weights))]
    loss = np.mean([cross_entropy(t, net.ff(x)) for x, t in zip(X, y)])
    return loss, {"weights[%d]" % l: g for l, g in enumerate(grads)}


def procedural(as_written, arrays):
    seedcode.begin(as_written, KNOWN - {"ACTIVATION_OF_THE_WRONG_LAYER", "SOFTMAX_NEVER_APPLIED"})
    X, y = _data(arrays)
    weights = _weights(arrays)  # HARNESS: in place of [np.random.rand(2, 3) for _ in range(2)]
    if len(weights) != 2:
        raise ValueError("the procedural rewrite is 2-2-2, two weight matrices")
    dcdw, costs = [np.zeros_like(w) for w in weights], []
    for i in range(len(X)):  # HARNESS: one pass over the four cases, no update; the gradients are averaged
        a0 = X[i]
        z0 = weights[0].dot(np.vstack([a0, np.ones((1, 1))]))
        a1 = sigmoid(z0)
        z1 = weights[1].dot(np.vstack([a1, np.ones((1, 1))]))
        a2 = softmax(z1)
        costs.append(cross_entropy(y[i], a2))  # the seed prints this cost in a commented-out line
        del1 = cross_entropy(y[i], a2, True)
        dcdw1 = np.dot(del1, np.vstack([a1, np.ones((1, 1))]).T)  # REPAIR: "np.dot(del1, np.vstack" lost; the output layer's dC/dW, as the class's grad_w[-1]
        if fixed("SIGMOID_DERIVATIVE_OF_Z"):  # FIX BP-20: sigmoid(.., True) is a(1 - a): hand it the activation
            slope = sigmoid(a1, True)
        else:
            slope = sigmoid(z0, True)
        if fixed("HIDDEN_DELTA_THROUGH_W_NOT_ITS_TRANSPOSE"):  # FIX BP-30: chain del1 through the transpose
            del0 = np.dot(weights[1][:, :-1].T, del1) * slope
            dcdw0 = np.dot(del0, np.vstack([a0, np.ones((1, 1))]).T)
        else:
            del0 = weights[1][:, :-1]*slope
            dcdw0 = np.dot(np.dot(del0, del1), np.vstack([a0, np.ones((1, 1))]).T)  # REPAIR: the start was lost; "np.dot(np.dot(del0, del1), np.vstack" is the only reading whose shapes run
        dcdw[0] += dcdw0
        dcdw[1] += dcdw1
        # weights[0] -= .03*weights[0]*dcdw0   (HARNESS: the seed's update, BP-27's subject, is not run)
        # weights[1] -= .03*weights[1]*dcdw1
    return np.mean(costs), {"weights[0]": dcdw[0] / len(X), "weights[1]": dcdw[1] / len(X)}
