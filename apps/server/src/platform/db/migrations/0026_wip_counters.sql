-- WIP between operations and job reports proposed from equipment part counters.
-- operation_transfers: good quantity an operation hands on to the next one of its order. Only read when the
--   enterprise requires explicit transfers (setting explicitOperationTransfers); otherwise an operation's good
--   output is available to the next one at once.
-- equipment_counter_configs: per piece of equipment, the part-counter metric (a counter of a device bound to it),
--   parts per count and the mode (off / propose).
-- counter_confirmations: each confirmed proposal's counter window [window_from, window_to) per operation and
--   metric, with the job report it became, so the same counts are never proposed twice.
-- New tables only; no locks on existing data, no backfill.

CREATE TABLE operation_transfers (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  work_order_id uuid NOT NULL,
  from_operation_id uuid NOT NULL,
  to_operation_id uuid NOT NULL,
  quantity numeric(18, 6) NOT NULL CHECK (quantity > 0),
  -- a labour_workers row; no foreign key, as job reports
  worker_id uuid NOT NULL,
  transferred_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, work_order_id) REFERENCES work_orders(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, from_operation_id) REFERENCES work_order_operations(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, to_operation_id) REFERENCES work_order_operations(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX operation_transfers_from ON operation_transfers (tenant_id, from_operation_id);
CREATE INDEX operation_transfers_to ON operation_transfers (tenant_id, to_operation_id);

CREATE TABLE equipment_counter_configs (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  equipment_id uuid NOT NULL,
  metric_id bigint NOT NULL,
  parts_per_count numeric(18, 6) NOT NULL CHECK (parts_per_count > 0),
  mode text NOT NULL CHECK (mode IN ('off', 'propose')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (tenant_id, equipment_id),
  FOREIGN KEY (tenant_id, equipment_id) REFERENCES equipment(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, metric_id) REFERENCES metrics(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE counter_confirmations (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  operation_id uuid NOT NULL,
  metric_id bigint NOT NULL,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL CHECK (window_to > window_from),
  -- what the counter said (a physical measurement) and what was proposed from it
  counts double precision NOT NULL,
  proposed_qty numeric(18, 6) NOT NULL,
  job_report_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, operation_id) REFERENCES work_order_operations(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, job_report_id) REFERENCES job_reports(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX counter_confirmations_operation ON counter_confirmations (tenant_id, operation_id, metric_id, window_to);

ALTER TABLE operation_transfers ENABLE ROW LEVEL SECURITY;
ALTER TABLE operation_transfers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON operation_transfers USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON operation_transfers TO greenmes_app;

ALTER TABLE equipment_counter_configs ENABLE ROW LEVEL SECURITY;
ALTER TABLE equipment_counter_configs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON equipment_counter_configs USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON equipment_counter_configs TO greenmes_app;

ALTER TABLE counter_confirmations ENABLE ROW LEVEL SECURITY;
ALTER TABLE counter_confirmations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON counter_confirmations USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON counter_confirmations TO greenmes_app;
