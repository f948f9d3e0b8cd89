-- Cradle-to-gate emission factors of purchased materials (kgCO₂e per unit of the material), for product
-- carbon footprints: the BOM's bought components × their factors, beside the energy of making the product.
-- New table only.

CREATE TABLE material_carbon_factors (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  material_id uuid NOT NULL,
  kgco2e_per_unit numeric(18, 6) NOT NULL CHECK (kgco2e_per_unit >= 0),
  -- where the factor comes from: the supplier's EPD, a database (e.g. CLCD), an estimate
  source text NOT NULL,
  year integer CHECK (year BETWEEN 1990 AND 2100),
  note text,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, material_id),
  FOREIGN KEY (tenant_id, material_id) REFERENCES materials(tenant_id, id)
);

ALTER TABLE material_carbon_factors ENABLE ROW LEVEL SECURITY;
ALTER TABLE material_carbon_factors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON material_carbon_factors USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON material_carbon_factors TO greenmes_app;
