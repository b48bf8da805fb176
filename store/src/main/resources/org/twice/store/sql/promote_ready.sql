-- Waiting tasks of an experiment whose inputs have all succeeded become ready.
UPDATE tasks c
SET state = 'ready', not_before = :now
WHERE c.state = 'waiting'
  AND c.id IN (SELECT task_id FROM experiment_tasks WHERE experiment_id = :experiment)
  AND NOT EXISTS (
    SELECT 1
    FROM task_edges e
    JOIN tasks p ON p.id = e.parent_id
    WHERE e.child_id = c.id AND p.state <> 'succeeded')
