-- Energy and carbon: the factors a tenant chooses per reporting year (grid emission factor from the
-- library, equal value of electricity, purchased-heat factor). Absent years use the library defaults.

CREATE TABLE energy_year_settings (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  grid_factor_key text NOT NULL,
  electricity_equal_value double precision NOT NULL CHECK (electricity_equal_value > 0),
  heat_factor double precision NOT NULL CHECK (heat_factor > 0),
  note text,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, year)
);

ALTER TABLE energy_year_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE energy_year_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON energy_year_settings USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON energy_year_settings TO greenmes_app;
