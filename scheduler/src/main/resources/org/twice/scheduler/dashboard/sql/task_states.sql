-- An experiment's tasks by kind and state.
SELECT kind, state, tasks
FROM experiment_task_states
WHERE experiment_id = :experiment
ORDER BY array_position(ARRAY['train', 'distill', 'plane', 'score'], kind), state
