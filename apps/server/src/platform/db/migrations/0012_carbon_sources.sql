-- GHG inventory inputs that no energy meter gives (GB/T 32150): process emissions of user-defined sources
-- with their own factors, biomass (reported apart), recovered CO₂, exported electricity and heat; monthly
-- activity data per source.

CREATE TABLE carbon_sources (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('process', 'biomass', 'recovered_co2', 'exported_electricity', 'exported_heat')),
  unit text NOT NULL,
  emission_factor double precision CHECK (emission_factor >= 0),
  factor_source text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  CHECK ((kind IN ('process', 'biomass')) = (emission_factor IS NOT NULL))
);

CREATE TABLE carbon_activity (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  source_id uuid NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  quantity double precision NOT NULL CHECK (quantity >= 0),
  note text,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source_id, month),
  FOREIGN KEY (tenant_id, source_id) REFERENCES carbon_sources(tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE carbon_sources ENABLE ROW LEVEL SECURITY;
ALTER TABLE carbon_sources FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON carbon_sources USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE carbon_activity ENABLE ROW LEVEL SECURITY;
ALTER TABLE carbon_activity FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON carbon_activity USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON carbon_sources, carbon_activity TO greenmes_app;
