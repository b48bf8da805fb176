-- complete_attempt as in V16, except that the task is fenced and marked succeeded by one
-- statement: the update itself locks the row and checks the lease, instead of a SELECT ... FOR
-- UPDATE and a check before the update. One statement fewer to start and run a completion, about
-- 40 us of the server's time a task (docs/performance.md, The queue). Under READ COMMITTED an
-- update that waited for the row's lock checks its WHERE clause again on the row as the other
-- transaction left it, so a lease taken over meanwhile is refused as before.
--
-- The running state is tested inside a CASE so that the planner cannot use the partial index
-- tasks_running (WHERE state = 'running'): with the state as a plain condition it picks that
-- index, whose entries for every running task and every dead one it then walks (V13), over the
-- primary key, whenever the statistics say few tasks are running, as they do right after a
-- submission. Written so, the task is found by its id alone.
CREATE OR REPLACE FUNCTION complete_attempt(
  p_task bigint, p_attempt integer, p_worker text, p_now timestamptz)
RETURNS boolean
SET enable_seqscan = off
AS $$
BEGIN
  UPDATE tasks
  SET state = 'succeeded', progress = 1, finished_at = p_now,
      lease_owner = NULL, lease_expires_at = NULL, error = NULL
  WHERE id = p_task
    AND attempt = p_attempt
    AND lease_owner = p_worker
    AND CASE WHEN state = 'running' THEN lease_expires_at > p_now END;
  IF NOT FOUND THEN
    RETURN false;
  END IF;

  UPDATE attempts
  SET outcome = 'succeeded', finished_at = p_now, error = NULL, stack_trace = NULL
  WHERE task_id = p_task AND attempt = p_attempt;

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
