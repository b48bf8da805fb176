package org.twice.store;

import java.util.Optional;

/**
 * What {@link TaskStore#completeAndClaim} did in its one transaction: whether the attempt's
 * completion was accepted, and the worker's next lease if a task was ready. The next lease is held
 * as soon as this returns: the caller runs it, or hands it back with {@link TaskStore#release}.
 */
public record Completion(boolean completed, Optional<Lease> next) {}
