package org.gradproof.properties.contract;

import org.gradproof.check.BlockFunction;
import org.gradproof.check.ModelLayers;
import org.gradproof.check.ParameterBlock;
import org.gradproof.properties.contract.GradientContract.Subject;

import java.util.List;
import java.util.Optional;

/**
 * A dense subject's loss and gradients as a function of one case's live blocks, for the checker, with the sizes that
 * explain a scaled gradient (m, the outputs) and the subject's own rounding scale.
 */
record SubjectFunction(Subject subject, ContractCase c) implements BlockFunction {

    @Override
    public List<ParameterBlock> blocks() {
        return c.blocks();
    }

    @Override
    public double value() {
        return subject.loss(c);
    }

    @Override
    public double[][] gradient() {
        return subject.gradients(c);
    }

    /** What the subject says of its own rounding: see {@link Subject#noiseScale(ContractCase)}. */
    @Override
    public double noiseScale() {
        return subject.noiseScale(c);
    }

    @Override
    public String description() {
        return "your network, " + c;
    }

    /** dense1 … denseN, bottom first, as the kit's messages name them. */
    @Override
    public Optional<ModelLayers> modelLayers() {
        return Optional.of(LayerRoles.of(c).modelLayers(c.blockNames()));
    }

    /** The reference model's: the batch size m, and the number of output units when there is more than one. */
    @Override
    public List<KnownFactor> knownFactors() {
        return c.reference().knownFactors(c.batch());
    }
}
