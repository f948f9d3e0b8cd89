-- Shop-floor job reports on work-order operations: start, pause, resume, quantities, finish. Each row
-- is one report as the terminal sent it; the operation's good/scrap/rework columns (0018) are their
-- running totals, updated in the same transaction. A new table only; no locks on existing data.

CREATE TABLE job_reports (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  work_order_id uuid NOT NULL,
  operation_id uuid NOT NULL,
  -- a labour_workers row; no foreign key so a worker's report outlives the roster entry (wages, history)
  worker_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('start', 'pause', 'resume', 'finish', 'quantity')),
  -- a pause's reason (code or text)
  reason text,
  good_qty numeric(18, 6) NOT NULL DEFAULT 0 CHECK (good_qty >= 0),
  scrap_qty numeric(18, 6) NOT NULL DEFAULT 0 CHECK (scrap_qty >= 0),
  scrap_reason_code text,
  rework_qty numeric(18, 6) NOT NULL DEFAULT 0 CHECK (rework_qty >= 0),
  -- server time; occurred_at is the terminal's clock (it may have queued the report offline)
  reported_at timestamptz NOT NULL DEFAULT now(),
  occurred_at timestamptz,
  -- the terminal's idempotency key: a retry with the same key finds this row and never counts twice
  client_id text,
  created_by uuid,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, client_id),
  FOREIGN KEY (tenant_id, work_order_id) REFERENCES work_orders(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, operation_id) REFERENCES work_order_operations(tenant_id, id) ON DELETE CASCADE,
  CHECK (kind <> 'pause' OR reason IS NOT NULL),
  CHECK (scrap_qty = 0 OR scrap_reason_code IS NOT NULL)
);
CREATE INDEX job_reports_operation ON job_reports (tenant_id, operation_id, reported_at);
CREATE INDEX job_reports_work_order ON job_reports (tenant_id, work_order_id, reported_at);
CREATE INDEX job_reports_worker ON job_reports (tenant_id, worker_id, reported_at);

ALTER TABLE job_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE job_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON job_reports USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON job_reports TO greenmes_app;
