-- An experiment's reproducibility matrices, one per grouping.
SELECT group_by, first_group, second_group, agreement, agreement_low, agreement_high, pairs
FROM reproducibility_matrix
WHERE experiment_id = :experiment
ORDER BY group_by, first_group, second_group
