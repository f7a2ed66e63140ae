package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Localises a sequence model's error in time, from the blocks {@linkplain ParameterBlock#timeStep() tagged} with the
 * time step they hold (a recurrent objective tags its input steps x_t): "wrong for t ≥ 2 only", or the list of wrong
 * steps. Names are not parsed: an untagged block is not a time step, whatever it is called.
 */
final class TimeSteps {

    private TimeSteps() {
    }

    /** A sentence about the time steps, or "" when no block is tagged with a step or all steps agree. */
    static String note(List<ParameterBlock> blocks, List<String> wrongBlocks) {
        List<Integer> steps = new ArrayList<>();
        List<Integer> wrong = new ArrayList<>();
        for (ParameterBlock b : blocks) {
            b.timeStep().ifPresent(t -> {
                steps.add(t);
                if (wrongBlocks.contains(b.name())) {
                    wrong.add(t);
                }
            });
        }
        if (wrong.isEmpty() || wrong.size() == steps.size()) {
            return "";
        }
        int first = wrong.stream().mapToInt(Integer::intValue).min().orElseThrow();
        boolean suffix = steps.stream().allMatch(t -> (t >= first) == wrong.contains(t));
        if (suffix) {
            return "By time step: the input gradients are wrong for t ≥ " + first + " only.";
        }
        int last = wrong.stream().mapToInt(Integer::intValue).max().orElseThrow();
        boolean prefix = steps.stream().allMatch(t -> (t <= last) == wrong.contains(t));
        if (prefix) {
            return "By time step: the input gradients are wrong for t ≤ " + last + " only, right at the later "
                    + "steps: what is carried back through time (the recurrent state's gradient from the next step) "
                    + "is suspect.";
        }
        return "By time step: the input gradients are wrong at t = "
                + wrong.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " only.";
    }
}
