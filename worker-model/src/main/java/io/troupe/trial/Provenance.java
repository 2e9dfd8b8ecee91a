package io.troupe.trial;

import java.io.Serializable;

/**
 * Where and how a result was produced: enough to tell two runs' environments apart.
 *
 * @param backend the ND4J backend class, e.g. CpuBackend or JCublasBackend
 * @param device "cpu" or "cuda:N", the device the trial ran on
 * @param threads ND4J/OpenMP threads the trial used
 * @param libraries Troupe, DL4J/ND4J versions
 */
public record Provenance(String backend, String device, int threads, String libraries, String javaVersion,
    String host, String os, String dataFingerprint) implements Serializable {}
