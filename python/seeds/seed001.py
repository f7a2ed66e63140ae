"""Seed 001 (001_3823514a6f5afa71.txt): the numpy parts of its questions, as posted.

The seed's lines are copied from the seed file. Where the scraped text lost characters the line is restored and
marked '# REPAIR: ...'. Where a catalogue fixture fixes a line, the seed's line is kept and the fix sits beside it
under `fixed(NAME)`, marked '# FIX BP-..'. '# HARNESS: ...' marks what replaces the seed's driving code (random
weights, data loading, the training loops and their updates: the gradients are returned instead of applied).

Programs (called by driver.py with the lines to keep as written and the weights and data):
  first_network     the first question's 2-layer relu/sigmoid network: forward_backward(X, Y, parameters)
  homework          the MNIST homework: NeuralNetwork.forward, then backward's gradient lines
  perceptron        the MNIST multi-layer perceptron: forwardPass, then one pass of train's loop up to the updates,
                    with the output delta of the version named (first, "Update", "Second Update") or the fix
  xor_first         the XOR MSE question's first version: loss mse = np.sum(np.square(truth - predicted))
  xor_edited        its edit: mse = 0.5 * np.sum(...).mean(), mse_derivative, layer2_error = np.dot(cost_delta, cost_error)
The seed's robot policy (BP-09) is PyTorch, not numpy, and is not here.
"""
import numpy as np

import seedcode
from seedcode import fixed, written


# ================================================================ forward_backward (the first question, 12288-64-1)
def relu(x, deriv=False):
    if deriv:
        return 1. * (x > 0)
    else:
        return np.maximum(0, x)


def sigmoid(x, deriv=False):
    if deriv:
        return x * (1-x)
    else:
        return 1/(1 + np.exp(-x))


# Forward and backward pass for 2 layer neural network. (1st relu, 2nd sigmoid)
def forward_backward(X, Y, parameters):
    # Array for storing gradients
    grads = {}
    # Get the length of examples
    m = Y.shape[1]
    # First layer
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = relu(Z1)
    # Second layer
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    AL = sigmoid(Z2)
    # Compute cost
    cost = (-1 / m) * np.sum(np.multiply(Y, np.log(AL)) + np.multiply(1 - Y, np.log(1 - AL)))
    # Backpropagation
    # Second Layer
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    dZ2 = dAL * sigmoid(AL, deriv=True)
    grads["dW2"] = np.dot(dZ2, A1.T) / m
    grads["db2"] = np.sum(dZ2, axis=1, keepdims=True) / m
    # First layer
    dA1 = np.dot(parameters["W2"].T, dZ2)
    if fixed("RELU_DERIVATIVE_OF_ACTIVATION"):  # FIX BP-02 (the textbook form; BP-02 says the seed's is right too)
        dZ1 = dA1 * relu(Z1, deriv=True)
    else:
        dZ1 = dA1 * relu(A1, deriv=True)
    if fixed("DW1_WITHOUT_ONE_OVER_M"):  # FIX BP-01: / m, like its siblings
        grads["dW1"] = np.dot(dZ1, X.T) / m
    else:
        grads["dW1"] = np.dot(dZ1, X.T)
    grads["db1"] = np.sum(dZ1, axis=1, keepdims=True) / m
    return AL, grads, cost


def first_network(as_written, arrays):
    seedcode.begin(as_written, {"DW1_WITHOUT_ONE_OVER_M", "RELU_DERIVATIVE_OF_ACTIVATION"})
    parameters = {k: np.array(arrays[k], dtype=float) for k in ("W1", "b1", "W2", "b2")}  # HARNESS: in place of initialize_parameters
    x = np.array(arrays["X"], dtype=float)  # features x m, as np.array(train[0:10], ndmin=2).T
    y = np.array(arrays["Y"], dtype=float)  # 1 x m
    AL, grads, cost = forward_backward(x, y, parameters)
    return cost, {"W1": grads["dW1"], "b1": grads["db1"], "W2": grads["dW2"], "b2": grads["db2"]}


# ======================================================================================= homework (MNIST, 784-200-10)
def homework_sigmoid(z):  # the homework's own sigmoid (the module-level name clashes with the first question's)
    return 1 / (1 + np.exp(- z))


def d_sigmoid(g):
    return homework_sigmoid(g) * (1. - homework_sigmoid(g))


def softmax(z):
    if fixed("SOFTMAX_OVER_THE_WHOLE_BATCH"):  # FIX BP-06: one softmax per example (row)
        shiftx = z - np.max(z, axis=1, keepdims=True)
        exps = np.exp(shiftx)
        return exps / np.sum(exps, axis=1, keepdims=True)
    # subracting the max adds numerical stability
    shiftx = z - np.max(z)
    exps = np.exp(shiftx)
    return exps / np.sum(exps)


class NeuralNetwork:
    # HARNESS: the class-level weights are set from the rebuild's (np.random.uniform(-1e-3, 1e-3) in the seed)
    def forward(self, X1):
        Z1 = np.add(np.matmul(X, W1), b1)
        X2 = homework_sigmoid(Z1)  # activation function of Z1
        Z2 = np.add(np.matmul(X2, W2), b2)
        Y_hat = softmax(Z2)
        if fixed("ACTIVATIONS_OF_ANOTHER_EXAMPLE"):  # FIX BP-05: store Z1 and X2 for the backward pass
            self.Z1, self.X2 = Z1, X2
        # return the hypothesis
        return Y_hat

    def backward(self, Y_hat, Y):
        if fixed("ACTIVATIONS_OF_ANOTHER_EXAMPLE"):  # FIX BP-05: this example's Z1 and X2
            Z1, X2 = self.Z1, self.X2
        else:  # the seed reads the module-level Z1 and X2, computed once for the first training example
            Z1, X2 = globals()["Z1"], globals()["X2"]
        # Naked Backprop
        dJ_dZ2 = Y_hat - Y
        dJ_dW2 = np.matmul(np.transpose(X2), dJ_dZ2)
        dJ_db2 = Y_hat - Y
        dJ_dX2 = np.matmul(dJ_db2, np.transpose(NeuralNetwork.W2))
        dJ_dZ1 = dJ_dX2 * d_sigmoid(Z1)
        if fixed("LAYER_ONE_USES_Y_MINUS_Y_HAT"):  # FIX BP-03: Y_hat - Y, as layer 2
            inner_mat = np.matmul(Y_hat - Y, np.transpose(NeuralNetwork.W2))
        else:
            inner_mat = np.matmul(Y-Y_hat, np.transpose(NeuralNetwork.W2))
        if fixed("SIGMOID_SLOPE_AFTER_THE_MATMUL"):  # FIX BP-04: the slope inside the product, per example
            dJ_dW1 = np.matmul(np.transpose(X), inner_mat * d_sigmoid(Z1))
        else:
            dJ_dW1 = np.matmul(np.transpose(X), inner_mat) * d_sigmoid(Z1)
        if fixed("LAYER_ONE_USES_Y_MINUS_Y_HAT"):  # FIX BP-03
            dJ_db1 = np.matmul(Y_hat - Y, np.transpose(NeuralNetwork.W2)) * d_sigmoid(Z1)
        else:
            dJ_db1 = np.matmul(Y - Y_hat, np.transpose(NeuralNetwork.W2)) * d_sigmoid(Z1)
        # HARNESS: the seed's weight updates (NeuralNetwork.W2 = NeuralNetwork.W2 - lr * dJ_dW2, ...) are not run;
        # the gradients are returned with the cost
        # calculate the cost
        cost = -1 * np.sum(Y * np.log(Y_hat))
        return cost, dJ_dW1, dJ_db1, dJ_dW2, dJ_db2


def homework(as_written, arrays):
    seedcode.begin(as_written, {"LAYER_ONE_USES_Y_MINUS_Y_HAT", "SIGMOID_SLOPE_AFTER_THE_MATMUL",
                                "ACTIVATIONS_OF_ANOTHER_EXAMPLE", "SOFTMAX_OVER_THE_WHOLE_BATCH"})
    global X, W1, b1, W2, b2, Z1, X2
    # HARNESS: one set of weights, the class's and the module's alike (the seed's forward reads the module-level
    # W1 ... b2 while backward updates the class's: BP-15, not this program's subject)
    W1 = NeuralNetwork.W1 = np.array(arrays["W1"], dtype=float)
    b1 = NeuralNetwork.b1 = np.array(arrays["b1"], dtype=float).reshape(1, -1)
    W2 = NeuralNetwork.W2 = np.array(arrays["W2"], dtype=float)
    b2 = NeuralNetwork.b2 = np.array(arrays["b2"], dtype=float).reshape(1, -1)
    # the module-level forward pass of the seed, on its first training example (here: the rebuild's other batch)
    X = np.array(arrays["X_first"], dtype=float)
    Z1 = np.add(np.matmul(X, W1), b1)
    X2 = homework_sigmoid(Z1)
    # the training loop: the global X is the current example(s) (the seed: X = x.reshape(1,784) /255.)
    X = np.array(arrays["X"], dtype=float)
    Y = np.array(arrays["Y"], dtype=float)
    nn = NeuralNetwork()
    Y_hat = nn.forward(X)
    cost, dW1, db1, dW2, db2 = nn.backward(Y_hat, Y)
    # HARNESS: the seed trains one example at a time (m = 1), where dJ_db1 and dJ_db2 are one row each; at m > 1
    # they hold one row per example, summed here (the cost sums over the examples)
    return cost, {"W1": dW1, "b1": np.sum(db1, axis=0), "W2": dW2, "b2": np.sum(db2, axis=0)}


# ===================================================================== perceptron (MNIST, two sigmoid hidden layers)
class Perceptron:
    def forwardPass(self, inputs):
        """
        inputs is a numpy array of shape (num_train, D) containing the training images
        consisting of num_train samples each of dimension D.
        """
        # layer 1
        # the forward pass on the first hidden layer with the sigmoid function
        self.hidden1 = np.dot(inputs, self.weights1)
        self.hidden1 = 1.0/(1.0+np.exp(-self.beta*self.hidden1))
        self.hidden1 = np.concatenate((self.hidden1, -np.ones((np.shape(self.hidden1)[0], 1))), axis=1)
        # layer 2
        # the forward pass on the second hidden layer with the sigmoid function
        self.hidden2 = np.dot(self.hidden1, self.weights2)
        self.hidden2 = 1.0/(1.0+np.exp(-self.beta*self.hidden2))
        self.hidden2 = np.concatenate((self.hidden2, -np.ones((np.shape(self.hidden2)[0], 1))), axis=1)
        # output layer
        # the forward pass on the output layer with softmax function
        outputs = np.dot(self.hidden2, self.weights3)
        outputs = np.exp(outputs)
        outputs /= np.repeat(np.sum(outputs, axis=1), outputs.shape[1], axis=0).reshape(outputs.shape)
        return outputs

    def train_once(self, inputs, targets, eta):
        """HARNESS: the body of train's loop, once, with eta = 1 and momentum 0 (so update = the gradient)."""
        ndata = np.shape(inputs)[0]  # number of data samples
        # adding the bias
        inputs = np.concatenate((inputs, -np.ones((ndata, 1))), axis=1)
        # numpy array to store the update weights
        updatew1 = np.zeros((np.shape(self.weights1)))
        updatew2 = np.zeros((np.shape(self.weights2)))
        updatew3 = np.zeros((np.shape(self.weights3)))
        # forward phase
        self.outputs = self.forwardPass(inputs)
        # Error using the sum-of-squares error function
        error = 0.5*np.sum((self.outputs-targets)**2)
        # backward phase
        if written("SHADOWED_LOOP_VARIABLE"):  # the question's first version
            deltao = self.outputs - targets
            placeholder = np.zeros(np.shape(self.outputs))
            for j in range(np.shape(self.outputs)[1]):
                y = self.outputs[:, j]
                placeholder[:, j] = y * (1 - y)
                for y in range(np.shape(self.outputs)[1]):
                    if not y == j:
                        placeholder[:, j] += -y * self.outputs[:, y]
            deltao *= placeholder
        elif written("JACOBIAN_ROW_SUMS"):  # "Update:": the loop variable renamed
            deltao = self.outputs - targets
            placeholder = np.zeros(np.shape(self.outputs))
            for j in range(np.shape(self.outputs)[1]):
                y = self.outputs[:, j]
                placeholder[:, j] = y * (1 - y)
                # the counter for the for loop below used to also be named y causing confusion
                for i in range(np.shape(self.outputs)[1]):
                    if not i == j:
                        placeholder[:, j] += -y * self.outputs[:, i]
            deltao *= placeholder
        elif written("SOFTMAX_APPLIED_TWICE"):  # "Second Update": the version that trained
            deltao = np.exp(self.outputs)
            deltao /= np.repeat(np.sum(deltao, axis=1), deltao.shape[1]).reshape(deltao.shape)
            deltao = deltao * (1 - deltao)
            deltao *= (self.outputs - targets)/np.shape(inputs)[0]
        else:  # FIX BP-10/11/13: the softmax Jacobian times the error, deltao_j = out_j (e_j - sum_i out_i e_i)
            e = self.outputs - targets
            deltao = self.outputs * (e - np.sum(self.outputs * e, axis=1, keepdims=True))
        # compute the derivative of the second hidden layer
        deltah2 = np.dot(deltao, np.transpose(self.weights3))
        deltah2 = self.hidden2*self.beta*(1.0-self.hidden2)*deltah2
        # compute the derivative of the first hidden layer
        deltah1 = np.dot(deltah2[:, :-1], np.transpose(self.weights2))
        deltah1 = self.hidden1*self.beta*(1.0-self.hidden1)*deltah1
        # update the weights of the three layers: self.weights1, self.weights2 and self.weights3
        updatew1 = eta*(np.dot(np.transpose(inputs), deltah1[:, :-1])) + (self.momentum * updatew1)
        updatew2 = eta*(np.dot(np.transpose(self.hidden1), deltah2[:, :-1])) + (self.momentum * updatew2)
        updatew3 = eta*(np.dot(np.transpose(self.hidden2), deltao)) + (self.momentum * updatew3)
        return error, updatew1, updatew2, updatew3


def perceptron(as_written, arrays):
    seedcode.begin(as_written, {"SHADOWED_LOOP_VARIABLE", "JACOBIAN_ROW_SUMS", "SOFTMAX_APPLIED_TWICE"})
    if len(as_written) > 1:
        raise ValueError("one output delta at a time: %s" % sorted(as_written))
    net = Perceptron()
    net.beta, net.momentum = 1.0, 0.0  # HARNESS: beta as the rebuild (1); momentum 0, so the update is the gradient
    net.weights1, net.weights2, net.weights3 = (np.array(arrays[k], dtype=float)
                                                for k in ("weights1", "weights2", "weights3"))
    error, u1, u2, u3 = net.train_once(np.array(arrays["X"], dtype=float), np.array(arrays["T"], dtype=float), 1.0)
    return error, {"weights1": u1, "weights2": u2, "weights3": u3}


# ====================================================================================== XOR with mean-squared error
def xor_sigmoid(x):  # Returns values that sums to one.
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(sx):
    # See https://math.stackexchange.com/a/1225116
    return sx * (1 - sx)


def _xor(arrays):
    W1 = np.array(arrays["W1"], dtype=float)  # HARNESS: in place of np.random.random((input_dim, hidden_dim))
    W2 = np.array(arrays["W2"], dtype=float)
    X = np.array(arrays["X"], dtype=float)
    Y = np.atleast_2d(np.array(arrays["Y"], dtype=float)).T  # the seed: np.array([[0,1,1,0]]).T
    return X, Y, W1, W2


def xor_first(as_written, arrays):
    seedcode.begin(as_written, {"LOSS_VALUE"})

    # Cost functions.
    def mse(predicted, truth):
        return np.sum(np.square(truth - predicted))

    X, Y, W1, W2 = _xor(arrays)
    layer0 = X
    # Forward propagation.
    layer1 = xor_sigmoid(np.dot(layer0, W1))
    layer2 = xor_sigmoid(np.dot(layer1, W2))
    # Back propagation (Y -> layer2)
    # How much did we miss in the predictions?
    if fixed("LOSS_VALUE"):  # FIX BP-07: the derivative of sum((truth - predicted)^2), 2(predicted - truth)
        layer2_error = 2 * (layer2 - Y)
    else:
        layer2_error = mse(layer2, Y)
    layer2_delta = layer2_error * sigmoid_derivative(layer2)
    # Back propagation (layer2 -> layer1)
    layer1_error = np.dot(layer2_delta, W2.T)
    layer1_delta = layer1_error * sigmoid_derivative(layer1)
    # update weights   HARNESS: W2 += - learning_rate * np.dot(layer1.T, layer2_delta): the dot is returned
    return mse(layer2, Y), {"W1": np.dot(layer0.T, layer1_delta), "W2": np.dot(layer1.T, layer2_delta)}


def xor_edited(as_written, arrays):
    seedcode.begin(as_written, {"DERIVATIVE_TIMES_LOSS"})

    # Cost functions.
    def mse(predicted, truth):
        return 0.5 * np.sum(np.square(predicted - truth)).mean()

    def mse_derivative(predicted, truth):
        return predicted - truth

    X, Y, W1, W2 = _xor(arrays)
    layer0 = X
    # Forward propagation.
    layer1 = xor_sigmoid(np.dot(layer0, W1))
    layer2 = xor_sigmoid(np.dot(layer1, W2))
    # Back propagation (Y -> layer2)
    # How much did we miss in the predictions?
    cost_error = mse(layer2, Y)
    cost_delta = mse_derivative(layer2, Y)
    if fixed("DERIVATIVE_TIMES_LOSS"):  # FIX BP-08: layer2_error is cost_delta itself
        layer2_error = cost_delta
    else:
        layer2_error = np.dot(cost_delta, cost_error)
    layer2_delta = layer2_error * sigmoid_derivative(layer2)
    # Back propagation (layer2 -> layer1)
    layer1_error = np.dot(layer2_delta, W2.T)
    layer1_delta = layer1_error * sigmoid_derivative(layer1)
    # update weights   HARNESS: W2 += - learning_rate * np.dot(layer1.T, layer2_delta): the dot is returned
    return cost_error, {"W1": np.dot(layer0.T, layer1_delta), "W2": np.dot(layer1.T, layer2_delta)}
