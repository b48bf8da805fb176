-- Locks the task row if, and only if, this attempt of this worker still holds a live lease.
SELECT id, failures, max_attempts
FROM tasks
WHERE id = :task
  AND attempt = :attempt
  AND lease_owner = :worker
  AND state = 'running'
  AND lease_expires_at > :now
FOR UPDATE
