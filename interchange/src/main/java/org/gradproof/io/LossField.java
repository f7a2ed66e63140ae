package org.gradproof.io;

import org.gradproof.io.JsonNodes.Node;
import org.gradproof.nn.Activation;
import org.gradproof.nn.DocumentLoss;
import org.gradproof.nn.Loss;
import org.gradproof.nn.Reduction;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A model document's {@code "loss": {"name", "reduction", "scale"}}: L = scale · reduction_n ℓ(ŷ_n, y_n), shared by
 * dense and LSTM models.
 *
 * @param loss      ℓ
 * @param reduction mean (L = (1/m) Σ ℓ_n) or sum
 * @param scale     s, default 1
 * @param name      the {@code name} field, where a loss that does not suit the last activation is reported
 */
record LossField(Loss loss, Reduction reduction, double scale, Node name) {

    private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("name", "reduction", "scale"));

    /** Reads the loss; a loss that cannot follow the last activation is an error at {@code $.loss.name}. */
    static LossField read(Node root, Activation lastActivation) {
        Node lossNode = root.field("loss", "{\"name\": …, \"reduction\": \"mean\" | \"sum\", \"scale\": 1}")
                .object("a loss", FIELDS);
        Node name = lossNode.field("name", "one of " + knownLosses());
        Loss loss;
        try {
            loss = Loss.named(name.string("the loss"));
        } catch (IllegalArgumentException e) {
            throw name.error(e.getMessage());
        }
        String problem = loss.pairingProblem(lastActivation);
        if (problem != null) {
            throw name.error(problem);
        }
        Node reductionNode = lossNode.field("reduction", "\"mean\" (L = (1/m) Σ ℓ_n) or \"sum\" (L = Σ ℓ_n)");
        String r = reductionNode.string("the reduction");
        Reduction reduction = switch (r) {
            case "mean" -> Reduction.MEAN;
            case "sum" -> Reduction.SUM;
            default -> throw reductionNode.error("expected \"mean\" or \"sum\", got \"" + r + "\"");
        };
        double scale = 1;
        if (lossNode.optionalField("scale").isPresent()) {
            Node s = lossNode.field("scale", "");
            scale = s.number(true, "the loss scale s in L = s · reduction ℓ");
            String scaleProblem = DocumentLoss.scaleProblem(scale);
            if (scaleProblem != null) {
                throw s.error(scaleProblem);
            }
        }
        return new LossField(loss, reduction, scale, name);
    }

    /**
     * The scale given to a document, unless it is not a positive finite number ({@link DocumentLoss#scaleProblem}).
     *
     * @throws IllegalArgumentException naming the argument {@code scale}
     */
    static double requireScale(double scale) {
        String problem = DocumentLoss.scaleProblem(scale);
        if (problem != null) {
            throw new IllegalArgumentException("scale: " + problem);
        }
        return scale;
    }

    /** {@code "loss": {"name": "mse", "reduction": "mean"}} with the scale when it is not 1. */
    static String json(Loss loss, Reduction reduction, double scale) {
        return "\"loss\": {\"name\": \"" + loss.id() + "\", \"reduction\": \"" + reduction.id() + "\""
                + (scale != 1 ? ", \"scale\": " + JsonText.number(scale) : "") + "}";
    }

    private static String knownLosses() {
        StringBuilder s = new StringBuilder();
        for (Loss l : Loss.values()) {
            s.append(s.length() == 0 ? "" : ", ").append(l.id());
        }
        return s.toString();
    }
}
