"""Seed 003 (003_27f789a78b7c3c48.txt): the blog's "Backpropagation NumPy Example" and its gradient check, as posted.

The seed's lines are copied from the seed file. Where the scraped text lost characters the line is restored and
marked '# REPAIR: ...'. Where a catalogue fixture fixes a line, the seed's line is kept and the fix sits beside it
under `fixed(NAME)`, marked '# FIX BP-..'. '# HARNESS: ...' marks what replaces the seed's driving code.

Program (called by driver.py with the lines to keep as written and the weights and data):
  theta   back_propagation(X, y, initialize=False, debug=True) on the given THETA: the loss is cost(y_hat, y) and the
          gradient del_theta / (-ETA), the backprop gradient the update steps along (the author then divides it by 2
          more to match the check: "adjusted linearly by division with 2")
"""
import numpy as np

import seedcode
from seedcode import fixed

# The seed lines a catalogue fixture fixes: BP-50's name for its line (ThetaNet without 2/N)
KNOWN = {"MEAN_WITHOUT_TWO_OVER_N"}  # BP-50

# ---------------------------------------------------------------------------------------------- the seed's code
# defining network parameters
# [2, 2, 1] will also work for the XOR problem presented
LAYERS = [2, 2, 2, 1]
ETA = .1
THETA = []


# sigmoid activation function
def sigmoid(x):
    return 1/(1+np.exp(-x))


# derivative of sigmoid activation function
def sigmoid_prime(x):
    return sigmoid(x) * (1-sigmoid(x))


# calculating cost given the prediction and actual vectors
def cost(y_hat, y):
    return np.mean([_ * _ for _ in (y_hat - y)])


# initialing THETA params for all the layers
def initialize_parameters():
    for idx in range(1, len(LAYERS)):
        THETA.append(np.random.rand(LAYERS[idx], LAYERS[idx-1]+1))


# vectorized forward propagation
def forward_propagation(X, initialize=True):
    if initialize:
        initialize_parameters()  # REPAIR: the if's body was lost; initialize=True means "draw THETA first"
    # adding bias column to the input X
    A = [np.hstack((np.ones((X.shape[0], 1)), X))]
    Z = []
    activate = False
    for idx, theta in enumerate(THETA):
        Z.append(np.matmul(A[-1], theta.T))
        # adding bias column to the output of previous layer
        A.append(np.hstack((np.ones((Z[-1].shape[0], 1)), sigmoid(Z[-1]))))
    # bias is not needed in the final output
    A[-1] = A[-1][:, 1:]
    y_hat = A[-1]
    return A, Z, y_hat


# vectorized backpropagation
def back_propagation(X, y, initialize=True, debug=False, verbose=False):
    # run a forward pass
    A, Z, y_hat = forward_propagation(X, initialize)
    # calculate delta at final output
    if fixed("MEAN_WITHOUT_TWO_OVER_N"):  # FIX BP-50: cost is the mean of squares over the N rows: d/dy_hat = 2(y_hat - y)/N
        del_ = [(2 / y.shape[0]) * (y_hat - y) * sigmoid_prime(Z[len(Z)-1])]
    else:
        del_ = [(y_hat - y) * sigmoid_prime(Z[len(Z)-1])]
    if verbose:
        print(cost(y_hat, y))
    # flag to signify whether a layer has bias column of not
    bias_free = True
    # running in reverse because delta is propagated backwards
    for idx in reversed(range(1, len(THETA))):
        if bias_free:
            # true only for the final layer where there is no bias
            temp = np.matmul(del_[0], THETA[idx]) * np.hstack((np.ones((Z[idx-1].shape[0], 1)), sigmoid_prime(Z[idx-1])))
            bias_free = False  # REPAIR: lost line; the flag's comment says the branch is for the final layer only
        else:  # REPAIR: "else:" lost
            # true for all the layers except the input and output layer
            temp = np.matmul(del_[0][:, 1:], THETA[idx]) * np.hstack((np.ones((Z[idx-1].shape[0], 1)), sigmoid_prime(Z[idx-1])))
        del_ = [temp] + del_
    del_theta = []
    bias_free = True
    # calculation for the delta in the parameters
    for idx in reversed(range(len(del_))):
        if bias_free:
            # true only for the final layer where there is no bias
            del_theta = [-ETA * np.matmul(del_[idx].T, A[idx])] + del_theta
            bias_free = False
        else:  # REPAIR: "else:" lost
            # true for all the layers except the input and output layer
            del_theta = [-ETA * np.matmul(del_[idx][:, 1:].T, A[idx])] + del_theta
    # update parameters
    for idx in range(len(THETA)):
        # asserting that the matrix sizes are same
        assert THETA[idx].shape == del_theta[idx].shape
        THETA[idx] = THETA[idx] + del_theta[idx]
    if debug:
        return (A, Z, y_hat, del_, del_theta)


def theta(as_written, arrays):
    seedcode.begin(as_written, KNOWN)
    X = np.array(arrays["X"], dtype=float)
    y = np.atleast_2d(np.array(arrays["Y"], dtype=float)).T  # as the seed: y = np.atleast_2d([0, 1, 1, 0]).T
    THETA.clear()  # HARNESS: the rebuild's THETA in place of initialize_parameters' np.random.rand
    l = 0
    while "THETA[%d]" % l in arrays:
        THETA.append(np.array(arrays["THETA[%d]" % l], dtype=float))
        l += 1
    A, Z, y_hat, del_, del_theta = back_propagation(X, y, False, True)
    loss = cost(y_hat, y)
    # HARNESS: the gradient the update steps along; the seed prints del_theta[idx] / (-2*ETA), this halved
    return loss, {"THETA[%d]" % l: d / (-ETA) for l, d in enumerate(del_theta)}
