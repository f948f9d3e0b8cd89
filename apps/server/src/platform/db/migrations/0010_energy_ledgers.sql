-- Two ledgers the energy manager keeps: monthly economic figures per site (the denominators of
-- energy intensity) and the energy-saving project ledger. New tables only; no locks on existing data.

-- 经济指标: one row per site and month; amounts in 10⁴ yuan at comparable prices.
CREATE TABLE energy_economic_months (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  site_id uuid NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  gross_output_value numeric(18, 6) NOT NULL CHECK (gross_output_value >= 0),
  value_added numeric(18, 6) NOT NULL,
  note text,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, site_id, month),
  FOREIGN KEY (tenant_id, site_id) REFERENCES plant_nodes(tenant_id, id)
);

-- Output per finished product in the month, in the material's unit.
CREATE TABLE energy_economic_product_outputs (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  economic_month_id uuid NOT NULL,
  material_id uuid NOT NULL,
  quantity numeric(18, 6) NOT NULL CHECK (quantity >= 0),
  qualified_quantity numeric(18, 6) CHECK (qualified_quantity >= 0 AND qualified_quantity <= quantity),
  PRIMARY KEY (tenant_id, economic_month_id, material_id),
  FOREIGN KEY (tenant_id, economic_month_id) REFERENCES energy_economic_months(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, material_id) REFERENCES materials(tenant_id, id)
);
CREATE INDEX energy_economic_product_outputs_material ON energy_economic_product_outputs (tenant_id, material_id);

-- 节能项目台账
CREATE TABLE energy_saving_projects (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  node_id uuid NOT NULL,
  measure_type text NOT NULL CHECK (measure_type IN ('equipment_upgrade', 'process_improvement',
    'waste_heat_recovery', 'lighting', 'motor_vfd', 'compressed_air', 'renewables', 'management', 'other')),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ongoing', 'done', 'cancelled')),
  start_date date,
  finish_date date,
  investment numeric(18, 6) CHECK (investment >= 0),
  media text[] NOT NULL DEFAULT '{}',
  expected_savings_tce numeric(18, 6) CHECK (expected_savings_tce >= 0),
  expected_savings_quantity numeric(18, 6) CHECK (expected_savings_quantity >= 0),
  expected_savings_unit text,
  expected_savings_value numeric(18, 6) CHECK (expected_savings_value >= 0),
  verified_savings_tce numeric(18, 6) CHECK (verified_savings_tce >= 0),
  verified_savings_value numeric(18, 6) CHECK (verified_savings_value >= 0),
  verification_method text,
  verified_on date,
  verified_by text,
  description text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, node_id) REFERENCES plant_nodes(tenant_id, id),
  CHECK (finish_date IS NULL OR start_date IS NULL OR finish_date >= start_date)
);
CREATE INDEX energy_saving_projects_node ON energy_saving_projects (tenant_id, node_id);

ALTER TABLE energy_economic_months ENABLE ROW LEVEL SECURITY;
ALTER TABLE energy_economic_months FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON energy_economic_months USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE energy_economic_product_outputs ENABLE ROW LEVEL SECURITY;
ALTER TABLE energy_economic_product_outputs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON energy_economic_product_outputs USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE energy_saving_projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE energy_saving_projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON energy_saving_projects USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON energy_economic_months, energy_economic_product_outputs, energy_saving_projects TO greenmes_app;
