-- Finite-capacity scheduling: the planned start and end of each work-order operation, whether a planner
-- pinned it (the scheduler then keeps its start) and whether it is energy-flexible (the energy-aware mode
-- may move it out of peak tariff periods). Columns on work_order_operations rather than a schedule
-- table: an operation has one plan at a time, and job reports, dispatch and the Gantt read the row anyway.
-- ADD COLUMN with a constant default (or none) is a catalogue change on PostgreSQL ≥ 11: no rewrite, no
-- backfill, a brief ACCESS EXCLUSIVE lock on work_order_operations only. RLS and grants of 0018 cover the
-- new columns; no new tables.

ALTER TABLE work_order_operations
  ADD COLUMN planned_start timestamptz,
  ADD COLUMN planned_end timestamptz,
  ADD COLUMN is_pinned boolean NOT NULL DEFAULT false,
  ADD COLUMN is_energy_flexible boolean NOT NULL DEFAULT false,
  ADD COLUMN scheduled_at timestamptz,
  ADD CONSTRAINT work_order_operations_planned_span
    CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
  ADD CONSTRAINT work_order_operations_pinned_start CHECK (NOT is_pinned OR planned_start IS NOT NULL);

-- the Gantt reads a work center's operations over a time range (the build blocks writes to the table
-- while it runs; CONCURRENTLY cannot run inside the migration's transaction)
CREATE INDEX work_order_operations_planned ON work_order_operations (tenant_id, work_center_id, planned_start);
