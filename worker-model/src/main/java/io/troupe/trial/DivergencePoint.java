package io.troupe.trial;

import java.io.Serializable;

/** Where a trial blew up: the 1-based epoch, the 0-based iteration, the loss seen and why it counts. */
public record DivergencePoint(int epoch, long iteration, double loss, double initialLoss, String reason)
    implements Serializable {}
