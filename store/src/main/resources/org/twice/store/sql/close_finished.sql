-- Running experiments with no task left to run are closed, failed if any of their tasks failed.
UPDATE experiments e
SET state = CASE
      WHEN EXISTS (
        SELECT 1 FROM experiment_tasks et JOIN tasks t ON t.id = et.task_id
        WHERE et.experiment_id = e.id AND t.state IN ('failed', 'blocked', 'cancelled'))
      THEN 'failed' ELSE 'succeeded' END,
    finished_at = :now
WHERE e.state = 'running'
  AND NOT EXISTS (
    SELECT 1 FROM experiment_tasks et JOIN tasks t ON t.id = et.task_id
    WHERE et.experiment_id = e.id AND t.state IN ('waiting', 'ready', 'running'))
RETURNING e.id, e.name, e.state
