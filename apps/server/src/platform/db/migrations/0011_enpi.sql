-- Energy performance indicators and baselines (ISO 50001 / ISO 50006): a meter's monthly consumption
-- regressed on a driver (a product's qualified output or the site's output value, and degree days when
-- given) over a baseline period; later months are compared with what the model expects.

CREATE TABLE energy_enpis (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  meter_id uuid NOT NULL,
  site_id uuid NOT NULL,
  driver text NOT NULL CHECK (driver IN ('product_output', 'output_value')),
  material_id uuid,
  baseline_from date NOT NULL CHECK (extract(day FROM baseline_from) = 1),
  baseline_to date NOT NULL CHECK (extract(day FROM baseline_to) = 1),
  margin_pct double precision NOT NULL DEFAULT 5 CHECK (margin_pct >= 0 AND margin_pct <= 100),
  degree_days jsonb,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, meter_id) REFERENCES meters(tenant_id, id),
  FOREIGN KEY (tenant_id, site_id) REFERENCES plant_nodes(tenant_id, id),
  FOREIGN KEY (tenant_id, material_id) REFERENCES materials(tenant_id, id),
  CHECK (baseline_to >= baseline_from),
  CHECK ((driver = 'product_output') = (material_id IS NOT NULL))
);

ALTER TABLE energy_enpis ENABLE ROW LEVEL SECURITY;
ALTER TABLE energy_enpis FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON energy_enpis USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON energy_enpis TO greenmes_app;
