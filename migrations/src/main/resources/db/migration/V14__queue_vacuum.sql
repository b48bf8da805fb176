-- Every claim walks the ready-task index from its oldest entry. A claimed task leaves a dead entry
-- there, at the front, until a vacuum removes it, so under PostgreSQL's default thresholds (a vacuum
-- once a fifth of the table has changed) each claim reads past all the tasks claimed since the last
-- one: a claim's server time doubled over 40,000 claims (docs/performance.md, The queue). Tasks are
-- vacuumed once a hundredth of the table and a thousand rows have changed instead.
ALTER TABLE tasks SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000);
