-- A worker's slot completes its task and claims its next one in one call, so that a task costs
-- the worker one round trip to the server fewer: the completion, the claim and the commit were
-- three (with the results' statements between the first two), now they are two.
--
-- claim_task is the claim that claim.sql made: the oldest ready task of the given kinds whose
-- retry delay has passed becomes running under the worker's lease, its next attempt started on
-- the task row (V18). SKIP LOCKED lets many workers claim at once without waiting on each other or
-- taking the same task. It returns no row when nothing is ready.
CREATE FUNCTION claim_task(
  p_worker text, p_now timestamptz, p_expires timestamptz, p_kinds text[])
RETURNS TABLE (id bigint, attempt integer, kind text, key text, label text, params text)
AS $$
BEGIN
  RETURN QUERY
  WITH next AS (
    SELECT n.id
    FROM tasks n
    WHERE n.state = 'ready'
      AND n.not_before <= p_now
      AND n.kind = ANY (p_kinds)
    ORDER BY n.not_before, n.id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
  )
  UPDATE tasks t
  SET state = 'running',
      attempt = t.attempt + 1,
      lease_owner = p_worker,
      lease_expires_at = p_expires,
      progress = 0,
      started_at = p_now,
      resumed_epochs = NULL
  FROM next
  WHERE t.id = next.id
  RETURNING t.id, t.attempt, t.kind, t.key, t.label, t.params::text;
END;
$$ LANGUAGE plpgsql;

-- complete_attempt, then claim_task for the same worker: one row, whose completed says whether
-- the completion was accepted and whose other columns are the claimed task's, or null when none
-- was ready. The claim is made whether or not the completion was accepted, and after it, so that
-- it may take a dependent the completion released (each statement of a function sees what the
-- statements before it wrote). The caller writes the task's results after this call, in the same
-- transaction, when the completion was accepted.
CREATE FUNCTION complete_and_claim(
  p_task bigint, p_attempt integer, p_worker text, p_now timestamptz, p_expires timestamptz,
  p_kinds text[],
  OUT completed boolean, OUT id bigint, OUT attempt integer, OUT kind text, OUT key text,
  OUT label text, OUT params text)
AS $$
BEGIN
  completed := complete_attempt(p_task, p_attempt, p_worker, p_now);
  SELECT c.id, c.attempt, c.kind, c.key, c.label, c.params
  INTO id, attempt, kind, key, label, params
  FROM claim_task(p_worker, p_now, p_expires, p_kinds) c;
END;
$$ LANGUAGE plpgsql;
