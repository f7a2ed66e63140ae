package org.gradproof.properties.readme;

// README: subject begin
import org.gradproof.properties.contract.ContractCase;
import org.gradproof.properties.contract.GradientContract;

/**
 * Your network under the contract kit: built from the case's weights on every call (the checker moves them one entry
 * at a time between calls), its gradients handed back in the case's block order.
 */
final class TextbookMlpSubject implements GradientContract.Subject {

    @Override
    public double loss(ContractCase c) {
        return network(c).loss(c.inputs(), c.targets());
    }

    @Override
    public double[][] gradients(ContractCase c) {
        TextbookMlp.Gradients g = network(c).gradients(c.inputs(), c.targets());
        double[][] blocks = new double[2 * c.depth()][];           // dense1.W, dense1.b, dense2.W, …
        for (int l = 0; l < c.depth(); l++) {
            blocks[2 * l] = RowMajor.flatten(g.dw()[l]);
            blocks[2 * l + 1] = g.db()[l];
        }
        return blocks;
    }

    /**
     * Your loss is log Σ e^z − z_y: when the network is sure, a tiny difference of numbers as large as the logits, so
     * it rounds at ε·|z|, not at ε·L. Say so, and the checker's noise floor takes it in: S = (1/m) Σ_n Σ_k |z_k|.
     */
    @Override
    public double noiseScale(ContractCase c) {
        TextbookMlp net = network(c);
        double s = 0;
        for (double[] x : c.inputs()) {
            for (double z : net.logits(x)) {
                s += Math.abs(z);
            }
        }
        return s / c.batchSize();
    }

    /** The case's live row-major weights, copied now into the double[][] your network reads. */
    static TextbookMlp network(ContractCase c) {
        double[][][] w = new double[c.depth()][][];
        double[][] b = new double[c.depth()][];
        String[] hidden = new String[c.depth() - 1];
        for (int l = 0; l < c.depth(); l++) {
            w[l] = RowMajor.rows(c.weights(l), c.width(l), c.inputWidth(l));
            b[l] = c.bias(l).clone();
            if (l < hidden.length) {
                hidden[l] = c.activation(l);                          // "tanh" or "sigmoid"
            }
        }
        return new TextbookMlp(w, b, hidden);
    }
}
// README: subject end
