package org.gradproof.properties.readme;

// README: directional begin
import org.gradproof.check.BlockFunction;
import org.gradproof.check.GradientCheck;
import org.gradproof.check.GradientReport;

final class QuickCheck {

    /** A large black-box model, checked along random directions first and entry by entry only where needed. */
    static GradientReport alongRandomDirections(BlockFunction model) {
        GradientReport report = GradientCheck.directional(model);
        // report.directions(): each block's derivative along its random directions, claim against measurement
        // report.failures(): the wrong entries, named by bisection and then judged one by one
        return report;
    }
}
// README: directional end
