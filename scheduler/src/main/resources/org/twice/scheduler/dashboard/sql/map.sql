-- One decision-region map with its points: one byte a grid point, row i along the first axis.
SELECT DISTINCT plane_task_id, model_task_id, model_label, triplet, anchors, resolution, dataset,
       classes
FROM decision_maps
WHERE plane_task_id = :plane AND triplet = :triplet
