package org.twice.store;

/** What submitting a spec wrote: the experiment, and how many of its tasks were new or reused. */
public record Submission(long experimentId, int tasks, int created, int reused, int requeued) {}
