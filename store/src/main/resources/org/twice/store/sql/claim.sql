-- Takes the oldest ready task of the given kinds whose retry delay has passed and records the
-- attempt's start, in one statement. SKIP LOCKED lets many workers claim at once without waiting
-- on each other or taking the same task.
WITH next AS (
  SELECT id
  FROM tasks
  WHERE state = 'ready'
    AND not_before <= :now
    AND kind = ANY (:kinds)
  ORDER BY not_before, id
  LIMIT 1
  FOR UPDATE SKIP LOCKED
),
claimed AS (
  UPDATE tasks t
  SET state = 'running',
      attempt = t.attempt + 1,
      lease_owner = :worker,
      lease_expires_at = :expires,
      progress = 0,
      started_at = :now
  FROM next
  WHERE t.id = next.id
  RETURNING t.id, t.attempt, t.kind, t.key, t.label, t.params::text AS params
),
started AS (
  INSERT INTO attempts (task_id, attempt, worker_id, started_at, outcome)
  SELECT id, attempt, :worker, :now, 'running'
  FROM claimed
)
SELECT id, attempt, kind, key, label, params
FROM claimed
