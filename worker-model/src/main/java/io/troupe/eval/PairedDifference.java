package io.troupe.eval;

/**
 * The mean per-example difference of two models scored on the same examples (first minus
 * second), its 95% bootstrap interval, and the two-sided p-value for "no difference".
 */
public record PairedDifference(Interval difference, double p) {}
