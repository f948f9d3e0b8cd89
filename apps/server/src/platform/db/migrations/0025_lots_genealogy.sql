-- Lots, serial numbers and stock moves (inventory), and lot genealogy (production). A lot is a quantity of
-- one material under a lot number unique per enterprise and material: received from a supplier, or produced
-- by a work order's last operation. Every change of a lot's quantity on hand is a stock move in the same
-- transaction (receipt, issue to a work order, return from it, production output, backflush, adjustment),
-- so the moves explain the quantity. Genealogy edges say which component lot went into which output lot,
-- how much, through which order: the trace walks them both ways.
--
-- The backflush flag lives on the work order's material line (work_order_materials.is_backflush, default
-- false): the order is a snapshot of its BOM already, a planner decides per order and material line whether
-- a component (screws, paint) is consumed by reporting rather than issued by scanning, and changing it never
-- reaches orders already on the floor. ADD COLUMN with a constant default is a catalogue change on
-- PostgreSQL ≥ 11 (no rewrite, a brief lock on work_order_materials only). Everything else is new tables.

CREATE TABLE inventory_lots (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  lot_number text NOT NULL,
  material_id uuid NOT NULL,
  -- on hand in the material's unit; issued quantities are at the work order, not here
  quantity numeric(18, 6) NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  unit_id uuid NOT NULL,
  origin text NOT NULL CHECK (origin IN ('received', 'produced')),
  supplier text,
  supplier_lot text,
  -- received at (receipt) or first produced at (output)
  origin_at timestamptz NOT NULL DEFAULT now(),
  -- a produced lot: its order and the (last) operation that reported it; no foreign key to production's
  -- tables, so inventory's migration and module stay independent of them
  work_order_id uuid,
  operation_id uuid,
  status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'on_hold', 'blocked')),
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, material_id, lot_number),
  FOREIGN KEY (tenant_id, material_id) REFERENCES materials(tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES units(tenant_id, id),
  CHECK ((origin = 'produced') = (work_order_id IS NOT NULL))
);
CREATE INDEX inventory_lots_number ON inventory_lots (tenant_id, lot_number);
CREATE INDEX inventory_lots_material_fifo ON inventory_lots (tenant_id, material_id, origin_at);
CREATE INDEX inventory_lots_work_order ON inventory_lots (tenant_id, work_order_id);

-- Serial numbers of a serialised item's lot (one per piece), unique per enterprise and material's lot.
CREATE TABLE inventory_serials (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  lot_id uuid NOT NULL,
  serial_number text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, lot_id, serial_number),
  FOREIGN KEY (tenant_id, lot_id) REFERENCES inventory_lots(tenant_id, id) ON DELETE CASCADE
);

-- One row per movement of a lot: quantity always positive, the direction in from_place → to_place.
--   receipt    supplier   → stock        issue     stock      → work_order
--   return     work_order → stock        output    work_order → stock (the produced lot)
--   backflush  stock or work_order → consumed            adjustment  stock ⇄ adjustment
CREATE TABLE inventory_stock_moves (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  lot_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('receipt', 'issue', 'return', 'output', 'backflush', 'adjustment')),
  quantity numeric(18, 6) NOT NULL CHECK (quantity > 0),
  from_place text NOT NULL CHECK (from_place IN ('supplier', 'stock', 'work_order', 'adjustment')),
  to_place text NOT NULL CHECK (to_place IN ('stock', 'work_order', 'consumed', 'adjustment')),
  work_order_id uuid,
  operation_id uuid,
  -- the job report an output or backflush came from
  job_report_id uuid,
  reason text,
  moved_by uuid,
  moved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, lot_id) REFERENCES inventory_lots(tenant_id, id) ON DELETE CASCADE,
  CHECK ((kind IN ('issue', 'return', 'output', 'backflush')) = (work_order_id IS NOT NULL))
);
CREATE INDEX inventory_stock_moves_lot ON inventory_stock_moves (tenant_id, lot_id, moved_at);
CREATE INDEX inventory_stock_moves_work_order ON inventory_stock_moves (tenant_id, work_order_id, lot_id);
-- what is issued to an order, read on every report of its last operation: without the order's growing
-- output moves (a report books one each)
CREATE INDEX inventory_stock_moves_issued ON inventory_stock_moves (tenant_id, work_order_id, lot_id)
  WHERE kind IN ('issue', 'return');

-- 批次谱系: `quantity` of the consumed lot went into the output lot through the work order. `source` says
-- where it was taken from: lots issued to the order, or on-hand stock (a backflush short of issued lots).
CREATE TABLE production_lot_genealogy (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  output_lot_id uuid NOT NULL,
  consumed_lot_id uuid NOT NULL,
  quantity numeric(18, 6) NOT NULL CHECK (quantity > 0),
  work_order_id uuid NOT NULL,
  job_report_id uuid,
  source text NOT NULL CHECK (source IN ('issued', 'stock')),
  is_backflush boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, output_lot_id) REFERENCES inventory_lots(tenant_id, id),
  FOREIGN KEY (tenant_id, consumed_lot_id) REFERENCES inventory_lots(tenant_id, id),
  FOREIGN KEY (tenant_id, work_order_id) REFERENCES work_orders(tenant_id, id),
  CHECK (output_lot_id <> consumed_lot_id)
);
CREATE INDEX production_lot_genealogy_output ON production_lot_genealogy (tenant_id, output_lot_id);
CREATE INDEX production_lot_genealogy_consumed ON production_lot_genealogy (tenant_id, consumed_lot_id);
CREATE INDEX production_lot_genealogy_work_order ON production_lot_genealogy (tenant_id, work_order_id, consumed_lot_id);

ALTER TABLE work_order_materials ADD COLUMN is_backflush boolean NOT NULL DEFAULT false;

ALTER TABLE inventory_lots ENABLE ROW LEVEL SECURITY;
ALTER TABLE inventory_lots FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON inventory_lots USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE inventory_serials ENABLE ROW LEVEL SECURITY;
ALTER TABLE inventory_serials FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON inventory_serials USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE inventory_stock_moves ENABLE ROW LEVEL SECURITY;
ALTER TABLE inventory_stock_moves FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON inventory_stock_moves USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE production_lot_genealogy ENABLE ROW LEVEL SECURITY;
ALTER TABLE production_lot_genealogy FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON production_lot_genealogy USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON inventory_lots, inventory_serials, inventory_stock_moves,
  production_lot_genealogy TO greenmes_app;
