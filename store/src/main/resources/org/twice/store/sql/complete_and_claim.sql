-- Completes the lease's attempt and claims the worker's next task, in one call (V19).
SELECT completed, id, attempt, kind, key, label, params
FROM complete_and_claim(:task, :attempt, :worker, :now, :expires, :kinds)
