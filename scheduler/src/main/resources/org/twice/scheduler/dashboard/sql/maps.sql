-- An experiment's decision-region maps, without their points.
SELECT plane_task_id, model_task_id, model_label, triplet, anchors, resolution, dataset,
       triplet_mode, architecture, width, optimizer, seed, label_noise, test_accuracy
FROM decision_maps
WHERE experiment_id = :experiment
ORDER BY triplet, architecture, optimizer, width, label_noise, seed, model_task_id
