-- Edge gateways: the status each gateway reports, and its configuration edited in the cloud
-- (versioned; the gateway pulls the latest). Adds two nullable columns to gateways (no rewrite,
-- brief ACCESS EXCLUSIVE lock) and one new table.

ALTER TABLE gateways ADD COLUMN status jsonb, ADD COLUMN status_at timestamptz;

CREATE TABLE gateway_configs (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  gateway_id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  config jsonb NOT NULL,
  comment text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, gateway_id, version),
  FOREIGN KEY (tenant_id, gateway_id) REFERENCES gateways(tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE gateway_configs ENABLE ROW LEVEL SECURITY;
ALTER TABLE gateway_configs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON gateway_configs USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
-- versions are history: the app may add one, never change or remove one
GRANT SELECT, INSERT ON gateway_configs TO greenmes_app;
