-- Dependents whose inputs have all succeeded become ready.
UPDATE tasks c
SET state = 'ready', not_before = :now
WHERE c.state = 'waiting'
  AND c.id IN (SELECT child_id FROM task_edges WHERE parent_id = :task)
  AND NOT EXISTS (
    SELECT 1
    FROM task_edges e
    JOIN tasks p ON p.id = e.parent_id
    WHERE e.child_id = c.id AND p.state <> 'succeeded')
