-- Test and train error of an experiment's models over width.
SELECT architecture, optimizer, label_noise, width, test_error, test_error_low, test_error_high,
       train_error, parameters, models
FROM double_descent
WHERE experiment_id = :experiment
ORDER BY architecture, optimizer, label_noise, width
