"""Seed 004 (004_c117a55693bc0bae.txt): the numpy MLP on XOR whose loss diverges, as posted.

The seed's lines are copied from the seed file. Where the scraped text lost characters the line is restored and
marked '# REPAIR: ...'. Where a catalogue fixture fixes a line, the seed's line is kept and the fix sits beside it
under `fixed(NAME)`, marked '# FIX BP-..'. '# HARNESS: ...' marks what replaces the seed's driving code.

Program (called by driver.py with the lines to keep as written and the weights and data):
  mlp   MLP.forward_pass then MLP.backward_pass on the given layers (the seed's constructor builds 2-2-1: its hidden
        layers are never appended, BP-62); the loss is the training loop's np.sum((fp-target)**2/fp.shape[0]) and the
        gradients are backward_pass's grads, which update_parameters subtracts
"""
import numpy as np

import seedcode
from seedcode import fixed

# The seed lines a catalogue fixture fixes: the Java rebuild's names for them (RowMlp.Mistake)
KNOWN = {
    "ERROR_SIGN_FLIPPED",                   # BP-60
    "FACTORS_AVERAGED_BEFORE_MULTIPLYING",  # BP-61
    "ERROR_SUMMED_OVER_UNITS",              # BP-64
}


# ---------------------------------------------------------------------------------------------- the seed's code
class MLP:
    @staticmethod  # REPAIR: decorator lost, or never there: the class calls self.glorot_initializer(fan_in, fan_out), which without it passes self as fan_in and raises TypeError
    def glorot_initializer(fan_in, fan_out):
        factor = 4 * np.sqrt(6 / (fan_in + fan_out))
        return np.random.uniform(-factor, factor, (fan_in, fan_out))

    @staticmethod  # REPAIR: decorator lost (as above)
    def relu(x):
        return np.maximum(x, 0)

    @staticmethod  # REPAIR: decorator lost (as above)
    def step(x):
        return np.heaviside(x, 1)

    @staticmethod  # REPAIR: decorator lost (as above): forward_pass calls self.sigmoid(x), sigmoid_diff MLP.sigmoid(x)
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    @staticmethod  # REPAIR: decorator lost (as above)
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
        if fixed("ERROR_SIGN_FLIPPED"):  # FIX BP-60: the derivative of (fp - y)^2 is 2(fp - y), for a -= update
            dlda = 2*(forward_pass - y)
        else:
            dlda = 2*(y - forward_pass)  # considering MSE
        if fixed("FACTORS_AVERAGED_BEFORE_MULTIPLYING"):  # FIX BP-61: one row per example, the loss's 1/m kept
            dlda = dlda / m
        else:
            dlda = np.sum(dlda, axis=0, keepdims=True) / m
        self.grads = list()

        for i in range(len(self.layers)-1, -1, -1):
            grad = dict()

            z = self.layers[i]['output']
            if fixed("FACTORS_AVERAGED_BEFORE_MULTIPLYING"):  # FIX BP-61: the slope of each example, not their mean
                dadz = self.sigmoid_diff(z)
            else:
                dadz = np.sum(self.sigmoid_diff(z), axis=0, keepdims=True) / m
            if self.layers[i]['type'] == 'input':
                if fixed("FACTORS_AVERAGED_BEFORE_MULTIPLYING"):  # FIX BP-61: each example's input
                    dzdw = x
                else:
                    dzdw = np.sum(x, axis=0, keepdims=True) / m
            else:  # REPAIR: "else:" lost (the line below is the branch for the layers above the input)
                if fixed("FACTORS_AVERAGED_BEFORE_MULTIPLYING"):  # FIX BP-61: each example's activation
                    dzdw = self.layers[i-1]['activation_output']
                else:
                    dzdw = np.sum(self.layers[i-1]['activation_output'], axis=0, keepdims=True) / m

            dzda_prev = self.layers[i]['W'].T
            if fixed("FACTORS_AVERAGED_BEFORE_MULTIPLYING"):  # FIX BP-61: multiply per example, then sum the products
                delta = dlda * dadz
                grad['b'] = np.sum(delta, axis=0, keepdims=True).T
                grad['W'] = dzdw.T.dot(delta)
                passed = delta.dot(dzda_prev)
            else:
                if fixed("ERROR_SUMMED_OVER_UNITS"):  # FIX BP-64: dlda now keeps one entry per unit, so its product with dadz is the elementwise one (the seed's np.dot of its (1, 1) dlda by a (1, n) dadz was that same product)
                    dlda_dadz = dlda * dadz
                else:
                    dlda_dadz = dlda.dot(dadz)
                grad['b'] = dlda_dadz.T
                grad['W'] = dlda_dadz.T.dot(dzdw).T
                passed = dlda_dadz.dot(dzda_prev)
            if fixed("ERROR_SUMMED_OVER_UNITS"):  # FIX BP-64: each unit below gets its own error
                dlda = passed
            else:
                dlda = np.sum(passed, axis=1, keepdims=True)  # the seed: np.sum(dlda.dot(dadz).dot(dzda_prev), axis=1, keepdims=True)
            self.grads.insert(0, grad)  # REPAIR: lost line; update_parameters zips self.grads with self.layers in order

        return self.grads

    def update_parameters(self, lr=0.2):
        for layer, grad in zip(self.layers, self.grads):
            layer['W'] -= lr * grad['W']
            layer['b'] -= lr * grad['b']


def mlp(as_written, arrays):
    seedcode.begin(as_written, KNOWN)
    x = np.array(arrays["X"], dtype=float)
    target = np.array(arrays["Y"], dtype=float)
    net = MLP.__new__(MLP)  # HARNESS: the layers the rebuild has, in place of the constructor's random ones
    net.layers, net.grads, l = [], [], 0
    while "layers[%d].W" % l in arrays:
        net.layers.append(dict(W=np.array(arrays["layers[%d].W" % l], dtype=float),
                               b=np.array(arrays["layers[%d].b" % l], dtype=float).reshape(-1, 1),
                               type='input' if l == 0 else 'output' if "layers[%d].W" % (l + 1) not in arrays
                               else 'hidden'))
        l += 1
    fp = net.forward_pass(x)
    grads = net.backward_pass(x, target, fp)
    loss = np.sum((fp-target)**2/fp.shape[0])  # the seed's training loop: loss[i] = np.sum((fp-target)**2/fp.shape[0])
    out = {}
    for l, grad in enumerate(grads):
        out["layers[%d].W" % l] = grad['W']
        out["layers[%d].b" % l] = grad['b'].reshape(-1)
    return loss, out
