-- A dataset's class names and the colour of each class in decision-region pictures.
SELECT class, name, colour
FROM dataset_classes
WHERE dataset = :dataset
ORDER BY class
