-- Production plans and work orders: plans with lines, work orders with snapshots of their routing's
-- operations and their BOM's components, a per-day number counter. New tables only; no locks on
-- existing data.

-- 生产计划: a site's plan for a period; lines are edited while draft, exploded once confirmed.
CREATE TABLE production_plans (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  site_id uuid NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'confirmed', 'closed')),
  description text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, site_id) REFERENCES plant_nodes(tenant_id, id),
  CHECK (period_end >= period_start)
);

CREATE TABLE production_plan_lines (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  plan_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  product_id uuid NOT NULL,
  quantity numeric(18, 6) NOT NULL CHECK (quantity > 0),
  due_date date NOT NULL,
  priority smallint NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 9),
  note text,
  -- the finished-product work order once exploded: exploding again finds it and makes nothing
  work_order_id uuid,
  PRIMARY KEY (tenant_id, plan_id, line_no),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES production_plans(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, product_id) REFERENCES materials(tenant_id, id)
);

-- 工单 numbers: WO-YYYYMMDD-0001, one counter row per tenant and local day (an upsert serialises them).
CREATE TABLE work_order_counters (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  day date NOT NULL,
  last_no integer NOT NULL,
  PRIMARY KEY (tenant_id, day)
);

CREATE TABLE work_orders (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  number text NOT NULL,
  product_id uuid NOT NULL,
  quantity numeric(18, 6) NOT NULL CHECK (quantity > 0),
  unit_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN
    ('draft', 'released', 'in_progress', 'completed', 'closed', 'on_hold', 'cancelled')),
  -- on hold: the status to resume to, and why
  held_from_status text CHECK (held_from_status IN ('released', 'in_progress')),
  hold_reason text,
  priority smallint NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 9),
  due_date date,
  planned_start timestamptz,
  planned_end timestamptz,
  -- the day whose versions were taken, and which (by id and by name: the version may be deleted later)
  effective_on date NOT NULL,
  bom_id uuid,
  bom_version text,
  routing_id uuid,
  routing_version text,
  plan_id uuid,
  plan_line_no integer,
  -- a sub-assembly order points at the order that consumes its output
  parent_id uuid,
  -- split: the order it was split from; merge: the order it was merged into (then cancelled)
  split_from_id uuid,
  merged_into_id uuid,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, product_id) REFERENCES materials(tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units(tenant_id, id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES production_plans(tenant_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES work_orders(tenant_id, id),
  CHECK ((status = 'on_hold') = (held_from_status IS NOT NULL)),
  CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start)
);
CREATE INDEX work_orders_status_due ON work_orders (tenant_id, status, due_date);
CREATE INDEX work_orders_product ON work_orders (tenant_id, product_id);
CREATE INDEX work_orders_plan ON work_orders (tenant_id, plan_id, plan_line_no);
CREATE INDEX work_orders_parent ON work_orders (tenant_id, parent_id);

-- The routing's operations copied at creation. Job reports will reference a row by (tenant_id, id), so
-- the id is stable and the quantity columns are the reports' running totals.
CREATE TABLE work_order_operations (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  work_order_id uuid NOT NULL,
  seq_no integer NOT NULL CHECK (seq_no > 0),
  code text NOT NULL,
  name text NOT NULL,
  -- the routing's work center, or the one dispatched to
  work_center_id uuid NOT NULL,
  setup_minutes numeric(12, 3) NOT NULL DEFAULT 0,
  run_seconds_per_unit numeric(14, 3) NOT NULL DEFAULT 0,
  required_skill text,
  is_inspection_point boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'in_progress', 'paused', 'done')),
  planned_quantity numeric(18, 6) NOT NULL CHECK (planned_quantity > 0),
  good_quantity numeric(18, 6) NOT NULL DEFAULT 0,
  scrap_quantity numeric(18, 6) NOT NULL DEFAULT 0,
  rework_quantity numeric(18, 6) NOT NULL DEFAULT 0,
  actual_start timestamptz,
  actual_end timestamptz,
  -- dispatch: a shift instance of the site's calendar (its local date and code, and its instants)
  shift_date date,
  shift_code text,
  shift_start timestamptz,
  shift_end timestamptz,
  -- users for now; the workers model (0019) will be referenced by id, without a foreign key
  operator_ids uuid[] NOT NULL DEFAULT '{}',
  dispatched_at timestamptz,
  dispatched_by uuid,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, work_order_id, seq_no),
  FOREIGN KEY (tenant_id, work_order_id) REFERENCES work_orders(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, work_center_id) REFERENCES plant_nodes(tenant_id, id),
  CHECK ((shift_date IS NULL) = (shift_code IS NULL))
);
CREATE INDEX work_order_operations_work_center ON work_order_operations (tenant_id, work_center_id, shift_date);

-- The BOM's direct components copied at creation (gross, scrap included, in the material's unit).
CREATE TABLE work_order_materials (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  work_order_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  material_id uuid NOT NULL,
  quantity numeric(18, 6) NOT NULL CHECK (quantity >= 0),
  scrap_percent numeric(9, 6) NOT NULL DEFAULT 0,
  operation_seq integer,
  is_made boolean NOT NULL DEFAULT false,
  child_work_order_id uuid,
  issued_quantity numeric(18, 6) NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, work_order_id, line_no),
  FOREIGN KEY (tenant_id, work_order_id) REFERENCES work_orders(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, material_id) REFERENCES materials(tenant_id, id)
);

ALTER TABLE production_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE production_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON production_plans USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE production_plan_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE production_plan_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON production_plan_lines USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE work_order_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_order_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON work_order_counters USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE work_orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON work_orders USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE work_order_operations ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_order_operations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON work_order_operations USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE work_order_materials ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_order_materials FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON work_order_materials USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON production_plans, production_plan_lines, work_order_counters,
  work_orders, work_order_operations, work_order_materials TO greenmes_app;
