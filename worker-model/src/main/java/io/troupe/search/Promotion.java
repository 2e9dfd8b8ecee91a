package io.troupe.search;

/**
 * An ASHA decision: continue trial {@code trialId} from rung {@code fromRung} to rung
 * {@code toRung}, i.e. train it until it has run {@code epochs} epochs in total.
 */
public record Promotion(String trialId, int fromRung, int toRung, int epochs) {}
