-- Energy metering (GB 17167): meters of any medium in a hierarchy (level 1 enterprise incomer, 2 workshop,
-- 3 key equipment), fed by a telemetry counter, by manual readings and purchase records, or computed by a
-- formula over other meters (virtual: unmetered losses = incomer − Σ sub-meters).

CREATE TABLE meters (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  medium text NOT NULL,
  unit text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  parent_id uuid,
  node_id uuid,
  equipment_id uuid,
  source text NOT NULL CHECK (source IN ('telemetry', 'manual', 'formula')),
  metric_id bigint,
  multiplier double precision NOT NULL DEFAULT 1 CHECK (multiplier > 0),
  formula text,
  is_enabled boolean NOT NULL DEFAULT true,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES meters(tenant_id, id),
  FOREIGN KEY (tenant_id, node_id) REFERENCES plant_nodes(tenant_id, id),
  FOREIGN KEY (tenant_id, equipment_id) REFERENCES equipment(tenant_id, id),
  CHECK ((source = 'telemetry') = (metric_id IS NOT NULL)),
  CHECK ((source = 'formula') = (formula IS NOT NULL))
);

-- A reading of a cumulative register at a time, or a quantity consumed over a period (a delivery, an invoice).
CREATE TABLE meter_records (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  meter_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('reading', 'consumption')),
  ts timestamptz NOT NULL,
  period_end timestamptz,
  value double precision NOT NULL,
  document_no text,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, meter_id) REFERENCES meters(tenant_id, id) ON DELETE CASCADE,
  CHECK ((kind = 'consumption') = (period_end IS NOT NULL)),
  CHECK (period_end IS NULL OR period_end > ts),
  CHECK (kind = 'reading' OR value >= 0)
);
CREATE INDEX meter_records_meter_ts ON meter_records (tenant_id, meter_id, ts);

ALTER TABLE meters ENABLE ROW LEVEL SECURITY;
ALTER TABLE meters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meters USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE meter_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE meter_records FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON meter_records USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON meters, meter_records TO greenmes_app;
