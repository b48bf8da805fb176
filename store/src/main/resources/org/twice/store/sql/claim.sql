-- Takes the oldest ready task of the given kinds whose retry delay has passed and starts its next
-- attempt on the task row (claim_task, V19); no row when none is ready.
SELECT id, attempt, kind, key, label, params
FROM claim_task(:worker, :now, :expires, :kinds)
