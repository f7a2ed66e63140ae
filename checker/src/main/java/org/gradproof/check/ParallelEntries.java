package org.gradproof.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Judges a check's entries, on {@link CheckOptions#threads()} threads when the function offers independent copies of
 * itself ({@link BlockFunction#threadCopy}), else on the checking thread. Each thread judges with its own copy and its
 * own {@link Probe}; the entries are handed out {@value #CHUNK} at a time, and each verdict is put in its entry's place, so the
 * report is the same whatever the number of threads: an entry's judgment depends only on the entry (the probes know
 * the same f(x) and the same smallest move from before, {@link Probe#freezeMoves}). A budget or an interrupt stops every
 * thread before its next entry; the first exception any thread meets is thrown on the checking thread once all have
 * stopped. The copies' parameters are theirs: the function's own are never touched from another thread.
 */
final class ParallelEntries {

    /** Entries a thread takes at a time (in order, so a stop leaves few gaps). */
    static final int CHUNK = 16;
    /** Fewer entries than this are judged on the checking thread alone: starting threads would cost more. */
    static final int MIN_ENTRIES = 64;

    /**
     * The verdicts by block, in the order of {@code chosen}, and why the check stopped early (null if it did not).
     */
    record Outcome(List<List<EntryResult>> byBlock, String stopped) {
    }

    private ParallelEntries() {
    }

    static Outcome judge(EntryJudge judge, Probe probe, BlockFunction f, List<ParameterBlock> blocks, int[][] chosen,
                         double[][] analytic, List<Resolution> resolutions, CheckBudget budget, int threads) {
        int total = 0;
        for (int[] c : chosen) {
            total += c.length;
        }
        int[] taskBlock = new int[total];
        int[] taskEntry = new int[total];
        int t = 0;
        for (int b = 0; b < chosen.length; b++) {
            for (int k : chosen[b]) {
                taskBlock[t] = b;
                taskEntry[t++] = k;
            }
        }
        List<Probe> probes = new ArrayList<>();
        probes.add(probe);
        if (threads > 1 && total >= MIN_ENTRIES) {
            for (int i = 1; i < threads; i++) {
                Optional<BlockFunction> copy = copyOf(f, blocks);
                if (copy.isEmpty()) {
                    break;
                }
                probes.add(probe.forCopy(copy.get()));
            }
        }
        EntryResult[] results = new EntryResult[total];
        Work work = new Work(judge, taskBlock, taskEntry, analytic, resolutions, budget, results);
        if (probes.size() == 1) {
            work.run(probe, blocks, true);
        } else {
            work.runOn(probes, blocks);
        }
        List<List<EntryResult>> byBlock = new ArrayList<>();
        for (int b = 0; b < chosen.length; b++) {
            byBlock.add(new ArrayList<>());
        }
        for (int i = 0; i < total; i++) {
            if (results[i] != null) {
                byBlock.get(taskBlock[i]).add(results[i]);
            }
        }
        return new Outcome(byBlock, work.stop.get());
    }

    /** The function's copy for another thread, checked to be one: the same blocks, in arrays of its own. */
    private static Optional<BlockFunction> copyOf(BlockFunction f, List<ParameterBlock> blocks) {
        Optional<BlockFunction> copy;
        try {
            copy = f.threadCopy();
        } catch (RuntimeException e) {
            throw new FunctionEvaluationException("the function threw while making its copy for another thread: " + e,
                    e);
        }
        if (copy == null || copy.isEmpty()) {
            return Optional.empty();
        }
        List<ParameterBlock> theirs = copy.get().blocks();
        if (theirs == null || theirs.size() != blocks.size()) {
            throw new IllegalStateException("threadCopy() must have the same parameter blocks as the function: "
                    + blocks + " against " + theirs);
        }
        for (int b = 0; b < blocks.size(); b++) {
            ParameterBlock mine = blocks.get(b);
            ParameterBlock other = theirs.get(b);
            if (!mine.name().equals(other.name()) || mine.size() != other.size()) {
                throw new IllegalStateException("threadCopy() must have the same parameter blocks as the function: "
                        + "block " + b + " is " + mine.name() + " (" + mine.size() + " entries) in the function and "
                        + other.name() + " (" + other.size() + ") in the copy");
            }
            if (mine.data() == other.data()) {
                throw new IllegalStateException("threadCopy() must hold its parameters in arrays of its own, but its "
                        + "block " + mine.name() + " is the function's own array");
            }
            if (!java.util.Arrays.equals(mine.data(), other.data())) {
                throw new IllegalStateException("threadCopy() must be at the function's parameters, but its block "
                        + mine.name() + " differs");
            }
        }
        return copy;
    }

    /** The entries to judge, handed out one at a time, and where their verdicts go. */
    private static final class Work {
        private final EntryJudge judge;
        private final int[] taskBlock;
        private final int[] taskEntry;
        private final double[][] analytic;
        private final List<Resolution> resolutions;
        private final CheckBudget budget;
        private final EntryResult[] results;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicReference<String> stop = new AtomicReference<>();
        private final AtomicReference<RuntimeException> error = new AtomicReference<>();

        Work(EntryJudge judge, int[] taskBlock, int[] taskEntry, double[][] analytic, List<Resolution> resolutions,
             CheckBudget budget, EntryResult[] results) {
            this.judge = judge;
            this.taskBlock = taskBlock;
            this.taskEntry = taskEntry;
            this.analytic = analytic;
            this.resolutions = resolutions;
            this.budget = budget;
            this.results = results;
        }

        /** {@link #run}, with whatever it throws kept for the checking thread to throw once every worker stopped. */
        private void guarded(Probe probe, List<ParameterBlock> blocks, boolean readByBudget) {
            try {
                run(probe, blocks, readByBudget);
            } catch (RuntimeException | Error e) {
                error.compareAndSet(null, e instanceof RuntimeException r ? r
                        : new FunctionEvaluationException("a thread judging entries failed: " + e, e));
            }
        }

        /**
         * Judges entries with this probe until none are left, the budget stops the check, or a thread fails.
         * {@code readByBudget}: the probe is the one whose evaluations the budget reads itself.
         */
        void run(Probe probe, List<ParameterBlock> blocks, boolean readByBudget) {
            while (true) {
                int first = next.getAndAdd(CHUNK);
                for (int i = first; i < Math.min(first + CHUNK, results.length); i++) {
                    if (stop.get() != null || error.get() != null) {
                        return;
                    }
                    String reason = budget.stopReason();
                    if (reason != null) {
                        stop.compareAndSet(null, reason);
                        return;
                    }
                    int b = taskBlock[i];
                    int k = taskEntry[i];
                    long before = probe.evaluations();
                    results[i] = judge.judge(probe, blocks.get(b), b, k, analytic[b][k], resolutions.get(b));
                    budget.entryChecked(readByBudget ? 0 : probe.evaluations() - before);
                }
                if (first + CHUNK >= results.length) {
                    return;
                }
            }
        }

        /**
         * Runs a worker per probe and waits for all of them: the first, on the function itself, on the checking
         * thread (a function tied to the thread that calls it is never called from another), the others on threads
         * of their own.
         */
        void runOn(List<Probe> probes, List<ParameterBlock> blocks) {
            CountDownLatch done = new CountDownLatch(probes.size() - 1);
            for (int w = 1; w < probes.size(); w++) {
                Probe p = probes.get(w);
                Thread thread = new Thread(() -> {
                    try {
                        guarded(p, p.blocks(), false);
                    } finally {
                        done.countDown();
                    }
                }, "gradproof-check-" + (w + 1));
                thread.setDaemon(true);
                thread.start();
            }
            guarded(probes.get(0), blocks, true);
            boolean interrupted = Thread.interrupted();
            if (interrupted) {
                stop.compareAndSet(null, "an interrupt of its thread"); // the wait below would clear the flag
            }
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.compareAndSet(null, "an interrupt of its thread");
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (error.get() != null) {
                throw error.get();
            }
        }
    }
}
