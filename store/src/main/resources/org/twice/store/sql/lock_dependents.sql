-- Locks the tasks that depend on a task, in id order. Two inputs of one task may finish at once;
-- each completion must see the other's once it has committed, so the second waits here for the
-- first, and its release_dependents, a later statement, then sees both inputs succeeded.
SELECT c.id
FROM tasks c
WHERE c.id IN (SELECT child_id FROM task_edges WHERE parent_id = :task)
ORDER BY c.id
FOR UPDATE
