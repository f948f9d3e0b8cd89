-- Where each finished product is made, for allocating metered energy to products (GB/T 2589 unit-product
-- comprehensive energy consumption, Table 2, product carbon footprints), and the product's limit value.
-- New tables only; no locks on existing data beyond the brief ones of the foreign keys.

CREATE TABLE energy_products (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  material_id uuid NOT NULL,
  -- the limit of unit-product comprehensive energy consumption, kgce per unit of the product
  limit_kgce_per_unit numeric(18, 6) CHECK (limit_kgce_per_unit > 0),
  limit_value_kind text NOT NULL DEFAULT 'equivalent' CHECK (limit_value_kind IN ('equivalent', 'equal')),
  limit_standard text,
  note text,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, material_id),
  FOREIGN KEY (tenant_id, material_id) REFERENCES materials(tenant_id, id)
);

-- A node's metered energy is shared among the products made there by output × weight.
CREATE TABLE energy_product_nodes (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  material_id uuid NOT NULL,
  node_id uuid NOT NULL,
  weight numeric(18, 6) NOT NULL DEFAULT 1 CHECK (weight > 0),
  PRIMARY KEY (tenant_id, material_id, node_id),
  FOREIGN KEY (tenant_id, material_id) REFERENCES energy_products(tenant_id, material_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, node_id) REFERENCES plant_nodes(tenant_id, id)
);
CREATE INDEX energy_product_nodes_node ON energy_product_nodes (tenant_id, node_id);

ALTER TABLE energy_products ENABLE ROW LEVEL SECURITY;
ALTER TABLE energy_products FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON energy_products USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE energy_product_nodes ENABLE ROW LEVEL SECURITY;
ALTER TABLE energy_product_nodes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON energy_product_nodes USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON energy_products, energy_product_nodes TO greenmes_app;
