-- Completes an attempt in one round trip: fenced exactly as fence.sql is, it marks the task
-- succeeded, records the attempt, deletes the checkpoint, releases the dependents whose inputs
-- have all succeeded and counts the task for its worker. Returns false, changing nothing, when
-- the attempt no longer holds a live lease. The caller writes the results in the same
-- transaction, so they commit with all of this or not at all.
--
-- The task row is locked by its id alone and the lease checked after: with the lease's columns in
-- the WHERE clause the planner may walk the tasks_running index instead of the primary key.
--
-- The dependents are locked in id order before they are released. Two inputs of one task may
-- finish at once; each completion must see the other's once it has committed, so the second waits
-- at the lock for the first. Each statement of a PL/pgSQL function takes a fresh snapshot under
-- READ COMMITTED, so the release, a later statement, then sees both inputs succeeded: one
-- statement doing both would keep the snapshot taken before the wait and leave the task waiting.
--
-- Every statement here finds its rows by key. A session keeps the plans of a function's
-- statements; planned while attempts was nearly empty (a fresh database) they scan it whole, and
-- go on scanning it as it grows until autovacuum next analyzes it. Sequential scans are off
-- inside the function so the plans use the keys whatever the statistics said.
CREATE FUNCTION complete_attempt(
  p_task bigint, p_attempt integer, p_worker text, p_now timestamptz)
RETURNS boolean
SET enable_seqscan = off
AS $$
DECLARE
  held tasks%ROWTYPE;
BEGIN
  SELECT * INTO held FROM tasks WHERE id = p_task FOR UPDATE;
  IF NOT FOUND
     OR held.attempt <> p_attempt
     OR held.lease_owner IS DISTINCT FROM p_worker
     OR held.state <> 'running'
     OR held.lease_expires_at IS NULL
     OR held.lease_expires_at <= p_now THEN
    RETURN false;
  END IF;

  UPDATE tasks
  SET state = 'succeeded', progress = 1, finished_at = p_now,
      lease_owner = NULL, lease_expires_at = NULL, error = NULL
  WHERE id = p_task;

  UPDATE attempts
  SET outcome = 'succeeded', finished_at = p_now, error = NULL, stack_trace = NULL
  WHERE task_id = p_task AND attempt = p_attempt;

  DELETE FROM checkpoints WHERE task_id = p_task;

  PERFORM c.id
  FROM tasks c
  WHERE c.id IN (SELECT child_id FROM task_edges WHERE parent_id = p_task)
  ORDER BY c.id
  FOR UPDATE;

  UPDATE tasks c
  SET state = 'ready', not_before = p_now
  WHERE c.state = 'waiting'
    AND c.id IN (SELECT child_id FROM task_edges WHERE parent_id = p_task)
    AND NOT EXISTS (
      SELECT 1
      FROM task_edges e
      JOIN tasks p ON p.id = e.parent_id
      WHERE e.child_id = c.id AND p.state <> 'succeeded');

  UPDATE workers SET tasks_done = tasks_done + 1 WHERE id = p_worker;
  RETURN true;
END;
$$ LANGUAGE plpgsql;
