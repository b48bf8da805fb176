-- Reproducibility of an experiment as architecture x optimizer, with the test accuracy.
SELECT architecture, optimizer, agreement, pairs, test_accuracy, models
FROM reproducibility_table
WHERE experiment_id = :experiment
ORDER BY architecture, optimizer
