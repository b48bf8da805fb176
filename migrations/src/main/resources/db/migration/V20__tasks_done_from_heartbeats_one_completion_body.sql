-- A completion no longer counts itself into its worker's row (workers.tasks_done): the worker
-- process counts the tasks it completed and writes the count with each heartbeat, and when it
-- stops. That row was one lock for all the slots of a worker: each completion held it from its
-- update to its commit, so the slots of one worker completed one at a time, and a worker with eight
-- slots completed short tasks at about half the rate of eight workers with one slot each
-- (docs/performance.md, The queue). The count is the process's own: it starts at zero when the
-- worker registers, as its started_at starts afresh, so the dashboards' rate of tasks an hour is
-- over the same span as its count.

-- complete_and_claim runs the completion's and the claim's statements itself, instead of calling
-- complete_attempt and claim_task: two PL/pgSQL calls fewer a task (each sets up its own state and
-- plan cache entries, and claim_task's RETURN QUERY copied its row into a tuple store), about a
-- tenth of the server's time a task (docs/performance.md, The queue).
--
-- Either part may be left out: a null task completes nothing, an empty list of kinds claims
-- nothing. complete_attempt and claim_task are now those two uses of it, so each statement is
-- written once. The statements are those of V18's complete_attempt without the count (see V13 for
-- why they are as they are) and of V19's claim_task; with sequential scans off for the whole call,
-- as they were for the completion.
CREATE OR REPLACE FUNCTION complete_and_claim(
  p_task bigint, p_attempt integer, p_worker text, p_now timestamptz, p_expires timestamptz,
  p_kinds text[],
  OUT completed boolean, OUT id bigint, OUT attempt integer, OUT kind text, OUT key text,
  OUT label text, OUT params text)
SET enable_seqscan = off
AS $$
DECLARE
  started timestamptz;
  resumed integer;
BEGIN
  UPDATE tasks t
  SET state = 'succeeded', progress = 1, finished_at = p_now,
      lease_owner = NULL, lease_expires_at = NULL, error = NULL
  WHERE t.id = p_task
    AND t.attempt = p_attempt
    AND t.lease_owner = p_worker
    AND CASE WHEN t.state = 'running' THEN t.lease_expires_at > p_now END
  RETURNING t.started_at, t.resumed_epochs INTO started, resumed;
  completed := FOUND;

  IF completed THEN
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
  END IF;

  WITH next AS (
    SELECT n.id
    FROM tasks n
    WHERE n.state = 'ready'
      AND n.not_before <= p_now
      AND n.kind = ANY (p_kinds)
    ORDER BY n.not_before, n.id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
  )
  UPDATE tasks t
  SET state = 'running',
      attempt = t.attempt + 1,
      lease_owner = p_worker,
      lease_expires_at = p_expires,
      progress = 0,
      started_at = p_now,
      resumed_epochs = NULL
  FROM next
  WHERE t.id = next.id
  RETURNING t.id, t.attempt, t.kind, t.key, t.label, t.params::text
  INTO id, attempt, kind, key, label, params;
END;
$$ LANGUAGE plpgsql;

-- The completion alone: true when the attempt held a live lease and its task is now succeeded.
CREATE OR REPLACE FUNCTION complete_attempt(
  p_task bigint, p_attempt integer, p_worker text, p_now timestamptz)
RETURNS boolean
AS $$
  SELECT c.completed FROM complete_and_claim(p_task, p_attempt, p_worker, p_now, p_now, '{}') c;
$$ LANGUAGE sql;

-- The claim alone: the claimed task's row, or no row when none was ready.
CREATE OR REPLACE FUNCTION claim_task(
  p_worker text, p_now timestamptz, p_expires timestamptz, p_kinds text[])
RETURNS TABLE (id bigint, attempt integer, kind text, key text, label text, params text)
AS $$
  SELECT c.id, c.attempt, c.kind, c.key, c.label, c.params
  FROM complete_and_claim(NULL, NULL, p_worker, p_now, p_expires, p_kinds) c
  WHERE c.id IS NOT NULL;
$$ LANGUAGE sql;
