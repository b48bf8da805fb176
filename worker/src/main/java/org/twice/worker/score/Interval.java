package org.twice.worker.score;

/** A mean with the bounds of its 95% interval. */
public record Interval(double mean, double low, double high) {}
