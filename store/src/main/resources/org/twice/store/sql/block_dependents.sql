-- Every task downstream of a failed one is blocked by it.
WITH RECURSIVE downstream(id) AS (
  SELECT child_id FROM task_edges WHERE parent_id = :task
  UNION
  SELECT e.child_id FROM task_edges e JOIN downstream d ON e.parent_id = d.id
)
UPDATE tasks
SET state = 'blocked', blocked_by = :task, progress = 0
WHERE id IN (SELECT id FROM downstream)
  AND state IN ('waiting', 'ready')
