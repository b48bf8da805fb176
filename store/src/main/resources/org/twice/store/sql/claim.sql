-- Takes the oldest ready task of the given kinds whose retry delay has passed and starts its next
-- attempt on the task row, in one statement. The attempt gets its row in attempts when it ends
-- (V18). SKIP LOCKED lets many workers claim at once without waiting on each other or taking the
-- same task.
WITH next AS (
  SELECT id
  FROM tasks
  WHERE state = 'ready'
    AND not_before <= :now
    AND kind = ANY (:kinds)
  ORDER BY not_before, id
  LIMIT 1
  FOR UPDATE SKIP LOCKED
)
UPDATE tasks t
SET state = 'running',
    attempt = t.attempt + 1,
    lease_owner = :worker,
    lease_expires_at = :expires,
    progress = 0,
    started_at = :now,
    resumed_epochs = NULL
FROM next
WHERE t.id = next.id
RETURNING t.id, t.attempt, t.kind, t.key, t.label, t.params::text AS params
