-- The job-report list (newest first, 50 a page) reads the newest reports from an index instead of
-- sorting all of them: with 100,000 reports of history the first page took 85 ms (a sort of every report
-- joined to its order, operation and worker), and grew with every report the plant made.
-- The filters by order, operation and worker keep their own indexes (0020).
-- Builds one index; job_reports takes no writes while it builds (seconds for millions of rows).

CREATE INDEX job_reports_recent ON job_reports (tenant_id, reported_at DESC, id);
