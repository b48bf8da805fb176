-- An experiment's failed and blocked tasks, and the tasks waiting to retry, with their errors.
SELECT task_id, kind, label, state, attempt, max_attempts, not_before,
       coalesce(error, 'blocked by task ' || blocked_by) AS error
FROM task_status
WHERE experiment_id = :experiment
  AND (state IN ('failed', 'blocked') OR (state = 'ready' AND error IS NOT NULL))
ORDER BY task_id
