-- Factory model (ISA-95): plant nodes (site → area → line → work center), equipment, units, materials.
-- New tables only; no locks on existing data.

CREATE TABLE plant_nodes (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  parent_id uuid,
  kind text NOT NULL CHECK (kind IN ('site', 'area', 'line', 'work_center')),
  code text NOT NULL,
  name text NOT NULL,
  description text,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES plant_nodes(tenant_id, id),
  CHECK ((kind = 'site') = (parent_id IS NULL))
);
CREATE INDEX plant_nodes_parent_idx ON plant_nodes (tenant_id, parent_id, sort_order);

CREATE TABLE units (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  dimension text NOT NULL,
  base_factor numeric NOT NULL CHECK (base_factor > 0),
  is_base boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
);

CREATE TABLE materials (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('raw', 'semi_finished', 'finished', 'consumable', 'packaging')),
  specification text,
  unit_id uuid NOT NULL,
  category text,
  description text,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units(tenant_id, id)
);
CREATE INDEX materials_unit_idx ON materials (tenant_id, unit_id);

CREATE TABLE equipment (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  node_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  model text,
  manufacturer text,
  serial_number text,
  category text NOT NULL,
  rated_power_kw numeric(14, 3) CHECK (rated_power_kw >= 0),
  energy_media text[] NOT NULL DEFAULT '{}',
  commissioning_date date,
  status text NOT NULL DEFAULT 'in_service',
  is_key_energy_consumer boolean NOT NULL DEFAULT false,
  is_eliminated_model boolean NOT NULL DEFAULT false,
  phase_out_date date,
  description text,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, node_id) REFERENCES plant_nodes(tenant_id, id),
  CHECK (NOT is_eliminated_model OR phase_out_date IS NOT NULL)
);
CREATE INDEX equipment_node_idx ON equipment (tenant_id, node_id, sort_order);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['plant_nodes','units','materials','equipment'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO greenmes_app', t);
  END LOOP;
END $$;
