-- Unfinished tasks of an experiment that no other running experiment needs are cancelled.
UPDATE tasks t
SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, finished_at = :now
WHERE t.id IN (SELECT task_id FROM experiment_tasks WHERE experiment_id = :experiment)
  AND t.state IN ('waiting', 'ready', 'running', 'blocked')
  AND NOT EXISTS (
    SELECT 1 FROM experiment_tasks o JOIN experiments e ON e.id = o.experiment_id
    WHERE o.task_id = t.id AND o.experiment_id <> :experiment AND e.state = 'running')
RETURNING t.id
