-- A completion no longer counts itself into its worker's row (workers.tasks_done): the worker
-- process counts the tasks it completed and writes the count with each heartbeat, and when it
-- stops. That row was one lock for all the slots of a worker: each completion held it from its
-- update to its commit, so the slots of one worker completed one at a time, and a worker with eight
-- slots completed short tasks at about half the rate of eight workers with one slot each
-- (docs/performance.md, The queue). The count is the process's own: it starts at zero when the
-- worker registers, as its started_at starts afresh, so the dashboards' rate of tasks an hour is
-- over the same span as its count.

-- complete_attempt as in V18, without the count.
CREATE OR REPLACE FUNCTION complete_attempt(
  p_task bigint, p_attempt integer, p_worker text, p_now timestamptz)
RETURNS boolean
SET enable_seqscan = off
AS $$
DECLARE
  started timestamptz;
  resumed integer;
BEGIN
  UPDATE tasks
  SET state = 'succeeded', progress = 1, finished_at = p_now,
      lease_owner = NULL, lease_expires_at = NULL, error = NULL
  WHERE id = p_task
    AND attempt = p_attempt
    AND lease_owner = p_worker
    AND CASE WHEN state = 'running' THEN lease_expires_at > p_now END
  RETURNING started_at, resumed_epochs INTO started, resumed;
  IF NOT FOUND THEN
    RETURN false;
  END IF;

  INSERT INTO attempts (task_id, attempt, worker_id, started_at, finished_at, outcome,
                        resumed_epochs)
  VALUES (p_task, p_attempt, p_worker, started, p_now, 'succeeded', resumed);

  DELETE FROM checkpoints WHERE task_id = p_task;

  PERFORM c.id
  FROM tasks c
  WHERE c.id IN (SELECT child_id FROM task_edges WHERE parent_id = p_task)
  ORDER BY c.id
  FOR UPDATE;

  IF FOUND THEN
    UPDATE tasks c
    SET state = 'ready', not_before = p_now
    WHERE c.state = 'waiting'
      AND c.id IN (SELECT child_id FROM task_edges WHERE parent_id = p_task)
      AND NOT EXISTS (
        SELECT 1
        FROM task_edges e
        JOIN tasks p ON p.id = e.parent_id
        WHERE e.child_id = c.id AND p.state <> 'succeeded');
  END IF;

  RETURN true;
END;
$$ LANGUAGE plpgsql;
