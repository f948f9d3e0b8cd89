-- A tenant's measured standard-coal coefficient for a medium over a period (say its gas supplier's
-- calorific value), used by the reports instead of the library's; recorded with who set it and why.

CREATE TABLE energy_coefficient_overrides (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  medium text NOT NULL,
  kgce_per_unit double precision NOT NULL CHECK (kgce_per_unit > 0),
  unit text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  source text NOT NULL,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX energy_coefficient_overrides_medium ON energy_coefficient_overrides (tenant_id, medium, valid_from);

ALTER TABLE energy_coefficient_overrides ENABLE ROW LEVEL SECURITY;
ALTER TABLE energy_coefficient_overrides FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON energy_coefficient_overrides USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, DELETE ON energy_coefficient_overrides TO greenmes_app;
