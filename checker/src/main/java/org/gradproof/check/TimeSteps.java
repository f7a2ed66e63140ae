package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Localises a recurrent model's error in time, from blocks named by time step ({@code x[t=2]}, as an LSTM objective
 * names its input steps): "wrong for t ≥ 2 only", or the list of wrong steps.
 */
final class TimeSteps {

    private static final Pattern STEP = Pattern.compile(".*\\[t=(\\d+)]$");

    private TimeSteps() {
    }

    /** A sentence about the time steps, or "" when the blocks are not per step or all steps agree. */
    static String note(List<ParameterBlock> blocks, List<String> wrongBlocks) {
        List<Integer> steps = new ArrayList<>();
        List<Integer> wrong = new ArrayList<>();
        for (ParameterBlock b : blocks) {
            Matcher m = STEP.matcher(b.name());
            if (m.matches()) {
                int t = Integer.parseInt(m.group(1));
                steps.add(t);
                if (wrongBlocks.contains(b.name())) {
                    wrong.add(t);
                }
            }
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
                    + "steps: what is carried back through time (dh or dc from the next step) is suspect.";
        }
        return "By time step: the input gradients are wrong at t = "
                + wrong.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " only.";
    }
}
