-- Production definitions: bills of materials and routings, both as versions of a product with a status
-- (draft → active → obsolete) and an effective period. New tables only; no locks on existing data.
-- Overlap of active periods and cycles across BOM levels are checked by the service under an advisory
-- lock (an exclusion constraint would need btree_gist, which PGlite does not ship).

-- 物料清单 (BOM) header: line quantities are per base_quantity of the product, in the line's unit.
CREATE TABLE production_boms (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  product_id uuid NOT NULL,
  version text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'obsolete')),
  effective_from date NOT NULL,
  effective_to date,
  base_quantity numeric(18, 6) NOT NULL DEFAULT 1 CHECK (base_quantity > 0),
  description text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, product_id, version),
  FOREIGN KEY (tenant_id, product_id) REFERENCES materials(tenant_id, id),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX production_boms_product_status ON production_boms (tenant_id, product_id, status);

CREATE TABLE production_bom_lines (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  bom_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  component_id uuid NOT NULL,
  quantity numeric(18, 6) NOT NULL CHECK (quantity > 0),
  unit_id uuid NOT NULL,
  -- planned loss in %: gross requirement = quantity × (1 + scrap_percent / 100)
  scrap_percent numeric(9, 6) NOT NULL DEFAULT 0 CHECK (scrap_percent >= 0 AND scrap_percent < 100),
  -- the routing operation (seq no.) that consumes it; a reference by number, valid across routing versions
  operation_seq integer CHECK (operation_seq > 0),
  note text,
  PRIMARY KEY (tenant_id, bom_id, line_no),
  FOREIGN KEY (tenant_id, bom_id) REFERENCES production_boms(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, component_id) REFERENCES materials(tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units(tenant_id, id)
);
CREATE INDEX production_bom_lines_component ON production_bom_lines (tenant_id, component_id);

-- 工艺路线 (routing) header and its ordered operations.
CREATE TABLE production_routings (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  product_id uuid NOT NULL,
  version text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'obsolete')),
  effective_from date NOT NULL,
  effective_to date,
  description text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, product_id, version),
  FOREIGN KEY (tenant_id, product_id) REFERENCES materials(tenant_id, id),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX production_routings_product_status ON production_routings (tenant_id, product_id, status);

CREATE TABLE production_routing_operations (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  routing_id uuid NOT NULL,
  seq_no integer NOT NULL CHECK (seq_no > 0),
  code text NOT NULL,
  name text NOT NULL,
  work_center_id uuid NOT NULL,
  setup_minutes numeric(12, 3) NOT NULL DEFAULT 0 CHECK (setup_minutes >= 0),
  run_seconds_per_unit numeric(14, 3) NOT NULL DEFAULT 0 CHECK (run_seconds_per_unit >= 0),
  required_skill text,
  is_inspection_point boolean NOT NULL DEFAULT false,
  description text,
  PRIMARY KEY (tenant_id, routing_id, seq_no),
  UNIQUE (tenant_id, routing_id, code),
  FOREIGN KEY (tenant_id, routing_id) REFERENCES production_routings(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, work_center_id) REFERENCES plant_nodes(tenant_id, id)
);
CREATE INDEX production_routing_operations_work_center ON production_routing_operations (tenant_id, work_center_id);

ALTER TABLE production_boms ENABLE ROW LEVEL SECURITY;
ALTER TABLE production_boms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON production_boms USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE production_bom_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE production_bom_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON production_bom_lines USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE production_routings ENABLE ROW LEVEL SECURITY;
ALTER TABLE production_routings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON production_routings USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE production_routing_operations ENABLE ROW LEVEL SECURITY;
ALTER TABLE production_routing_operations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON production_routing_operations USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON production_boms, production_bom_lines, production_routings,
  production_routing_operations TO greenmes_app;
