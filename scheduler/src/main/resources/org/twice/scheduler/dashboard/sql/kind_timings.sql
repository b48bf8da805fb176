-- Queue wait and run time per kind of an experiment's tasks, in seconds.
SELECT kind, tasks, wait_mean_s, wait_median_s, wait_p95_s, wait_max_s, run_mean_s, run_median_s,
       run_p95_s, run_max_s
FROM kind_timings
WHERE experiment_id = :experiment
ORDER BY array_position(ARRAY['train', 'distill', 'plane', 'score'], kind)
