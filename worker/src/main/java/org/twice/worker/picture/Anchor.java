package org.twice.worker.picture;

/**
 * One of the three inputs a plane passes through, as drawn: its plane coordinates, its label and
 * whether that label was flipped by label noise.
 */
public record Anchor(double s, double t, String name, boolean mislabeled) {}
