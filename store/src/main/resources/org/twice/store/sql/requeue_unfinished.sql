-- Failed, blocked or cancelled tasks of an experiment go back to waiting with a fresh budget of
-- attempts; promote_ready then releases those whose inputs are done.
UPDATE tasks
SET state = 'waiting', failures = 0, blocked_by = NULL, error = NULL, progress = 0,
    not_before = :now, finished_at = NULL
WHERE id IN (SELECT task_id FROM experiment_tasks WHERE experiment_id = :experiment)
  AND state IN ('failed', 'blocked', 'cancelled')
