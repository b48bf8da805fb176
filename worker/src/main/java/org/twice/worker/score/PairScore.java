package org.twice.worker.score;

/** The reproducibility of two models: their agreement averaged over triplets, with its interval. */
public record PairScore(String firstKey, String secondKey, Interval agreement) {}
