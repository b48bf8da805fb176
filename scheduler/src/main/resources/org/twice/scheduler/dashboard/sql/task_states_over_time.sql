-- An experiment's tasks by kind and state from its submission to its end.
SELECT at, kind, queued, running, succeeded, failed
FROM task_states_over_time
WHERE experiment_id = :experiment
ORDER BY at, array_position(ARRAY['train', 'distill', 'plane', 'score'], kind)
