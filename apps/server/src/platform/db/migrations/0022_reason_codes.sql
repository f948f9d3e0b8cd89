-- Reason codes the shop floor picks from: why parts were scrapped (a job report's scrap_reason_code must
-- name an active scrap code of the enterprise) and why work paused (offered at the terminal; a pause may
-- still give free text). One small catalogue per enterprise, managed by supervisors.
-- A new table only; no locks on existing data (job_reports keeps its text column, checked by the service).

CREATE TABLE production_reason_codes (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('scrap', 'pause')),
  code text NOT NULL,
  name text NOT NULL,
  -- list order at the terminal: lower first
  sort_order integer NOT NULL DEFAULT 0,
  -- an inactive code is no longer offered or accepted; reports that used it keep it
  is_active boolean NOT NULL DEFAULT true,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, kind, code)
);

ALTER TABLE production_reason_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE production_reason_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON production_reason_codes USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON production_reason_codes TO greenmes_app;
