package org.twice.store;

import java.time.Instant;

/**
 * A worker's hold on one attempt of a task. Every change a worker makes to the task is fenced by
 * the task id, the attempt number and the worker id together.
 */
public record Lease(
    long taskId,
    int attempt,
    String workerId,
    TaskKind kind,
    String key,
    String label,
    String params,
    Instant expiresAt) {}
