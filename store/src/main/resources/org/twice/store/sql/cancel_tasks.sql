-- Unfinished tasks of an experiment that no other running experiment needs are cancelled, and the
-- attempts running on them end as cancelled. The tasks are locked first, so that a completion
-- waits for the cancellation and is then refused by its fence, and each running attempt's row is
-- written from its task as it was (V18).
WITH doomed AS (
  SELECT t.id, t.state, t.attempt, t.lease_owner, t.started_at, t.resumed_epochs
  FROM tasks t
  WHERE t.id IN (SELECT task_id FROM experiment_tasks WHERE experiment_id = :experiment)
    AND t.state IN ('waiting', 'ready', 'running', 'blocked')
    AND NOT EXISTS (
      SELECT 1 FROM experiment_tasks o JOIN experiments e ON e.id = o.experiment_id
      WHERE o.task_id = t.id AND o.experiment_id <> :experiment AND e.state = 'running')
  FOR UPDATE OF t
),
ended AS (
  INSERT INTO attempts (task_id, attempt, worker_id, started_at, finished_at, outcome, error,
                        resumed_epochs)
  SELECT id, attempt, lease_owner, started_at, :now, 'cancelled', 'experiment cancelled',
         resumed_epochs
  FROM doomed
  WHERE state = 'running'
)
UPDATE tasks t
SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, finished_at = :now
FROM doomed
WHERE t.id = doomed.id
RETURNING t.id
