package org.twice.worker.plane;

/** Three inputs that define a plane, by their indices in the test set. */
public record Triplet(int first, int second, int third) {}
