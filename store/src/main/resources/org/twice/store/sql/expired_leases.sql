-- Running tasks whose worker stopped extending the lease.
SELECT id, attempt, lease_owner
FROM tasks
WHERE state = 'running' AND lease_expires_at <= :now
ORDER BY id
FOR UPDATE SKIP LOCKED
