package org.gradproof.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gradproof.check.ParameterBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * One LSTM layer over a batch of sequences, forward and backward (through time) side by side.
 *
 * <pre>
 *   for each gate q ∈ {i, f, g, o}:  z_q = x_t·W_qᵀ + h_{t−1}·U_qᵀ + b_q           (batch × cells)
 *   i = σ(z_i)   f = σ(z_f)   g = tanh(z_g)   o = σ(z_o)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g          h_t = o ⊙ tanh(c_t)
 * </pre>
 * Input gate i, forget gate f, cell candidate g, output gate o. There is one bias per gate; PyTorch's LSTM has two
 * (b_ih and b_hh) that only ever appear as their sum, so b_q here = b_ih_q + b_hh_q there. Its weights are named
 * {@code name.W_i … name.U_o, name.b_i …}: W_q is cells × inputs, U_q cells × cells, b_q has cells entries.
 * Derivatives are computed from the pre-activations z (σ'(z) = σ(z)σ(−z), tanh'(z) = 1 − tanh² z).
 */
public final class LstmLayer {

    /** The gates, in the order of the blocks. */
    public static final List<String> GATES = List.of("i", "f", "g", "o");

    private final String name;
    private final int inputs;
    private final int cells;
    private final DMatrixRMaj[] w = new DMatrixRMaj[4];
    private final DMatrixRMaj[] u = new DMatrixRMaj[4];
    private final DMatrixRMaj[] b = new DMatrixRMaj[4];

    public LstmLayer(String name, int inputs, int cells) {
        if (inputs < 1 || cells < 1) {
            throw new IllegalArgumentException("layer " + name + ": inputs and cells must be at least 1, got "
                    + inputs + " inputs and " + cells + " cells");
        }
        this.name = name;
        this.inputs = inputs;
        this.cells = cells;
        for (int q = 0; q < 4; q++) {
            w[q] = new DMatrixRMaj(cells, inputs);
            u[q] = new DMatrixRMaj(cells, cells);
            b[q] = new DMatrixRMaj(1, cells);
        }
    }

    /** A deep copy with the same weights. */
    public LstmLayer copy() {
        LstmLayer c = new LstmLayer(name, inputs, cells);
        for (int q = 0; q < 4; q++) {
            c.w[q].setTo(w[q]);
            c.u[q].setTo(u[q]);
            c.b[q].setTo(b[q]);
        }
        return c;
    }

    /** What a forward pass keeps for the backward pass, per time step. */
    record Trace(List<DMatrixRMaj> xs, List<DMatrixRMaj> hs, List<DMatrixRMaj> cs, List<DMatrixRMaj[]> zs,
                 List<DMatrixRMaj[]> gates) {
    }

    /**
     * Runs the layer over xs (T matrices, batch × inputs) from state (h0, c0). hs and cs of the trace hold
     * h_0 … h_T and c_0 … c_T. Nothing passed in is modified.
     */
    Trace forward(List<DMatrixRMaj> xs, DMatrixRMaj h0, DMatrixRMaj c0) {
        List<DMatrixRMaj> hs = new ArrayList<>(List.of(h0));
        List<DMatrixRMaj> cs = new ArrayList<>(List.of(c0));
        List<DMatrixRMaj[]> zs = new ArrayList<>();
        List<DMatrixRMaj[]> gates = new ArrayList<>();
        for (DMatrixRMaj x : xs) {
            DMatrixRMaj hPrev = hs.get(hs.size() - 1);
            DMatrixRMaj cPrev = cs.get(cs.size() - 1);
            DMatrixRMaj[] z = new DMatrixRMaj[4];
            DMatrixRMaj[] a = new DMatrixRMaj[4];
            for (int q = 0; q < 4; q++) {
                z[q] = new DMatrixRMaj(x.numRows, cells);
                CommonOps_DDRM.multTransB(x, w[q], z[q]);
                CommonOps_DDRM.multAddTransB(hPrev, u[q], z[q]);
                addRow(z[q], b[q]);
                a[q] = (q == 2 ? StandardActivation.TANH : StandardActivation.SIGMOID).forward(z[q]);
            }
            DMatrixRMaj c = new DMatrixRMaj(x.numRows, cells);
            DMatrixRMaj h = new DMatrixRMaj(x.numRows, cells);
            for (int k = 0; k < c.getNumElements(); k++) {
                c.data[k] = a[1].data[k] * cPrev.data[k] + a[0].data[k] * a[2].data[k];
                h.data[k] = a[3].data[k] * Math.tanh(c.data[k]);
            }
            zs.add(z);
            gates.add(a);
            hs.add(h);
            cs.add(c);
        }
        return new Trace(List.copyOf(xs), hs, cs, zs, gates);
    }

    /** What the backward pass returns besides the accumulated parameter gradients. */
    record Backward(List<DMatrixRMaj> dxs, DMatrixRMaj dh0, DMatrixRMaj dc0) {
    }

    /**
     * Backpropagation through time. {@code dhs.get(t − 1)} is dL/dh_t from above (the next layer or the head; may be
     * all zeros), {@code dhT} and {@code dcT} the gradients with respect to the final state. Parameter gradients are
     * accumulated (+=) into {@code grads} (12 matrices in block order W_i…W_o, U_i…U_o, b_i…b_o).
     *
     * <pre>
     *   dh = dh_above + dh_next;   dz_o = dh ⊙ tanh(c_t) ⊙ σ'(z_o)
     *   dc = dh ⊙ o ⊙ tanh'(c_t) + dc_next
     *   dz_i = dc ⊙ g ⊙ σ'(z_i)   dz_g = dc ⊙ i ⊙ tanh'(z_g)   dz_f = dc ⊙ c_{t−1} ⊙ σ'(z_f)
     *   dW_q += dz_qᵀ·x_t   dU_q += dz_qᵀ·h_{t−1}   db_q += 1ᵀ·dz_q
     *   dx_t = Σ_q dz_q·W_q   dh_next = Σ_q dz_q·U_q   dc_next = dc ⊙ f
     * </pre>
     */
    Backward backward(Trace t, List<DMatrixRMaj> dhs, DMatrixRMaj dhT, DMatrixRMaj dcT, DMatrixRMaj[] grads) {
        int steps = t.xs().size();
        DMatrixRMaj dhNext = dhT.copy();
        DMatrixRMaj dcNext = dcT.copy();
        DMatrixRMaj[] dxs = new DMatrixRMaj[steps];
        for (int s = steps - 1; s >= 0; s--) {
            DMatrixRMaj[] z = t.zs().get(s);
            DMatrixRMaj[] a = t.gates().get(s);
            DMatrixRMaj c = t.cs().get(s + 1);
            DMatrixRMaj cPrev = t.cs().get(s);
            DMatrixRMaj hPrev = t.hs().get(s);
            DMatrixRMaj x = t.xs().get(s);
            int n = c.getNumElements();
            DMatrixRMaj[] dz = new DMatrixRMaj[4];
            for (int q = 0; q < 4; q++) {
                dz[q] = new DMatrixRMaj(c.numRows, cells);
            }
            DMatrixRMaj dc = new DMatrixRMaj(c.numRows, cells);
            for (int k = 0; k < n; k++) {
                double dh = dhs.get(s).data[k] + dhNext.data[k];
                double tanhC = Math.tanh(c.data[k]);
                dz[3].data[k] = dh * tanhC * StandardActivation.SIGMOID.derivative(z[3].data[k]);
                dc.data[k] = dh * a[3].data[k] * (1 - tanhC * tanhC) + dcNext.data[k];
                dz[0].data[k] = dc.data[k] * a[2].data[k] * StandardActivation.SIGMOID.derivative(z[0].data[k]);
                dz[2].data[k] = dc.data[k] * a[0].data[k] * StandardActivation.TANH.derivative(z[2].data[k]);
                dz[1].data[k] = dc.data[k] * cPrev.data[k] * StandardActivation.SIGMOID.derivative(z[1].data[k]);
            }
            DMatrixRMaj dx = new DMatrixRMaj(x.numRows, inputs);
            DMatrixRMaj dhPrev = new DMatrixRMaj(c.numRows, cells);
            for (int q = 0; q < 4; q++) {
                CommonOps_DDRM.multAddTransA(dz[q], x, grads[q]);
                CommonOps_DDRM.multAddTransA(dz[q], hPrev, grads[4 + q]);
                addColumnSums(dz[q], grads[8 + q]);
                CommonOps_DDRM.multAdd(dz[q], w[q], dx);
                CommonOps_DDRM.multAdd(dz[q], u[q], dhPrev);
            }
            DMatrixRMaj dcPrev = new DMatrixRMaj(c.numRows, cells);
            for (int k = 0; k < n; k++) {
                dcPrev.data[k] = dc.data[k] * a[1].data[k];
            }
            dxs[s] = dx;
            dhNext = dhPrev;
            dcNext = dcPrev;
        }
        return new Backward(List.of(dxs), dhNext, dcNext);
    }

    /** Fresh zero gradient buffers in block order. */
    DMatrixRMaj[] zeroGradients() {
        DMatrixRMaj[] g = new DMatrixRMaj[12];
        for (int q = 0; q < 4; q++) {
            g[q] = new DMatrixRMaj(cells, inputs);
            g[4 + q] = new DMatrixRMaj(cells, cells);
            g[8 + q] = new DMatrixRMaj(1, cells);
        }
        return g;
    }

    /** {@code name.W_i … name.W_o, name.U_i … name.U_o, name.b_i … name.b_o}, over the live storage. */
    public List<ParameterBlock> blocks() {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            blocks.add(new ParameterBlock(name + ".W_" + GATES.get(q), w[q].data, cells, inputs));
        }
        for (int q = 0; q < 4; q++) {
            blocks.add(new ParameterBlock(name + ".U_" + GATES.get(q), u[q].data, cells, cells));
        }
        for (int q = 0; q < 4; q++) {
            blocks.add(new ParameterBlock(name + ".b_" + GATES.get(q), b[q].data, cells));
        }
        return blocks;
    }

    public String name() {
        return name;
    }

    public int inputs() {
        return inputs;
    }

    public int cells() {
        return cells;
    }

    /** Live W_q (q = 0..3 for i, f, g, o). */
    public DMatrixRMaj inputWeights(int gate) {
        return w[gate];
    }

    /** Live U_q. */
    public DMatrixRMaj recurrentWeights(int gate) {
        return u[gate];
    }

    /** Live b_q. */
    public DMatrixRMaj bias(int gate) {
        return b[gate];
    }

    private static void addRow(DMatrixRMaj m, DMatrixRMaj row) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                m.data[i * m.numCols + j] += row.data[j];
            }
        }
    }

    private static void addColumnSums(DMatrixRMaj m, DMatrixRMaj into) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                into.data[j] += m.data[i * m.numCols + j];
            }
        }
    }
}
