-- Every scored pair of models of an experiment.
SELECT first_model_id, second_model_id, first_label, second_label, agreement, agreement_low,
       agreement_high, triplets
FROM reproducibility_pairs
WHERE experiment_id = :experiment
ORDER BY first_model_id, second_model_id
