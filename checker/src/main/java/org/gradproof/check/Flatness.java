package org.gradproof.check;

import java.util.Map;

/**
 * How far the loss stays bit for bit at f(x) along one entry, among the values evaluated so far, and the smallest move
 * it makes where it does move.
 *
 * @param left         the farthest point evaluated below x that is nearer x than any point where f moves (0 if none)
 * @param right        the same above x
 * @param smallestMove the smallest nonzero |f − f(x)| along this entry, or {@code anyMove} if smaller (infinite if f
 *                     never moves)
 */
record Flatness(double left, double right, double smallestMove) {

    /** The flat stretch as seen on either side: the wider of the two. */
    double eitherSide() {
        return Math.max(left, right);
    }

    /** The flat stretch on both sides: the narrower of the two. */
    double bothSides() {
        return Math.min(left, right);
    }

    /**
     * @param f0      f(x)
     * @param anyMove the smallest move f made anywhere in the check (along any entry)
     */
    static Flatness of(FiniteDifferences fd, double f0, double anyMove) {
        double x = fd.x();
        double nearestMove = Double.POSITIVE_INFINITY;
        double smallestMove = anyMove;
        for (Map.Entry<Double, Double> e : fd.valuesByPoint().entrySet()) {
            double move = Math.abs(e.getValue() - f0);
            if (move > 0 || Double.isNaN(move)) {
                nearestMove = Math.min(nearestMove, Math.abs(e.getKey() - x));
                smallestMove = Math.min(smallestMove, move);
            }
        }
        double left = 0;
        double right = 0;
        for (double point : fd.valuesByPoint().keySet()) {
            double distance = Math.abs(point - x);
            if (distance < nearestMove) {
                if (point < x) {
                    left = Math.max(left, distance);
                } else {
                    right = Math.max(right, distance);
                }
            }
        }
        return new Flatness(left, right, smallestMove);
    }
}
