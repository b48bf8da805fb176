-- An attempt's row in attempts is written once, when the attempt ends (it succeeded, failed,
-- expired, was handed back or cancelled), instead of being inserted by the claim and updated at
-- the end. While it runs, the task row holds all there is to know about it: its number (attempt),
-- its worker (lease_owner), when it started (started_at) and, new here, the epochs it resumed from
-- a checkpoint (resumed_epochs, written by the worker as it resumes). Whatever ends the attempt
-- copies these into the attempt's row in the same transaction that changes the task.
--
-- The insert at the claim and the update at the end were two writes of one row a task, the first
-- with its foreign-key check, primary-key entry and CHECK, in the statement every worker's slot
-- runs most: one write fewer is about 30 us of the server's time a task, 6% of it
-- (docs/performance.md, The queue).
ALTER TABLE tasks ADD COLUMN resumed_epochs integer;

-- Attempts running now are moved onto their tasks, so that their end inserts their row afresh.
UPDATE tasks t
SET resumed_epochs = a.resumed_epochs
FROM attempts a
WHERE a.task_id = t.id AND a.attempt = t.attempt AND a.outcome = 'running' AND t.state = 'running';

DELETE FROM attempts a
USING tasks t
WHERE a.task_id = t.id AND a.attempt = t.attempt AND a.outcome = 'running' AND t.state = 'running';

-- complete_attempt as in V17, except that the attempt's row is inserted from what the fencing
-- update returns of the task instead of updated. See V13 for the rest.
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

  UPDATE workers SET tasks_done = tasks_done + 1 WHERE id = p_worker;
  RETURN true;
END;
$$ LANGUAGE plpgsql;

-- task_timings as in V7, except that a running attempt, which has no row yet, counts among the
-- task's attempts and may be its first.
CREATE OR REPLACE VIEW task_timings AS
SELECT et.experiment_id, t.id AS task_id, t.kind, t.label, t.state,
       r.ready_at, a.first_started_at, t.finished_at,
       extract(epoch FROM a.first_started_at - r.ready_at) AS wait_s,
       extract(epoch FROM a.run_time) AS run_s,
       a.attempts
FROM experiment_tasks et
JOIN tasks t ON t.id = et.task_id
CROSS JOIN LATERAL (
  SELECT greatest(t.created_at, max(p.finished_at)) AS ready_at
  FROM task_edges e
  JOIN tasks p ON p.id = e.parent_id
  WHERE e.child_id = t.id
) r
CROSS JOIN LATERAL (
  SELECT min(x.started_at) AS first_started_at, count(*) AS attempts,
         max(x.finished_at - x.started_at) FILTER (WHERE x.outcome = 'succeeded') AS run_time
  FROM (
    SELECT started_at, finished_at, outcome FROM attempts WHERE task_id = t.id
    UNION ALL
    SELECT t.started_at, NULL, 'running' WHERE t.state = 'running'
  ) x
) a
WHERE NOT et.reused;
