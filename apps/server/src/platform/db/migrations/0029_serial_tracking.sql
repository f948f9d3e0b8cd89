-- Serial numbers for produced goods. A material may be serial-tracked (materials.is_serial_tracked): the good
-- quantity reported on the last operation of an order for it carries one serial number per piece, stored on
-- the order's output lot like a receipt's serials. A serial number is unique per enterprise and material
-- (not merely per lot, as 0025 had it): a serial names one piece, and the trace by serial finds its lot.
--
-- materials: ADD COLUMN with a constant default is a catalogue change on PostgreSQL ≥ 11 (no rewrite, a
-- brief lock). inventory_serials gains its lot's material (a lot's material never changes) for the unique
-- index: backfilled from inventory_lots, which rewrites every serial row once under an exclusive lock on
-- inventory_serials — serials were only recorded on receipts so far, a small table. Serials already repeating
-- within a material (receipts checked only within a lot) stop the migration with the repeats named: they
-- must be corrected by hand, as nobody can tell which piece is the real one.

ALTER TABLE materials ADD COLUMN is_serial_tracked boolean NOT NULL DEFAULT false;

ALTER TABLE inventory_serials ADD COLUMN material_id uuid;
-- the backfill runs as the tables' owner, which FORCE ROW LEVEL SECURITY would confine to no enterprise
ALTER TABLE inventory_serials NO FORCE ROW LEVEL SECURITY;
ALTER TABLE inventory_lots NO FORCE ROW LEVEL SECURITY;
UPDATE inventory_serials s SET material_id = l.material_id
  FROM inventory_lots l WHERE l.tenant_id = s.tenant_id AND l.id = s.lot_id;
DO $$
DECLARE repeats text;
BEGIN
  SELECT string_agg(format('%s (material %s, %s lots)', serial_number, material_id, n), '; ')
    INTO repeats
    FROM (SELECT serial_number, material_id, count(*) AS n FROM inventory_serials
          GROUP BY tenant_id, material_id, serial_number HAVING count(*) > 1 LIMIT 20) d;
  IF repeats IS NOT NULL THEN
    RAISE EXCEPTION 'serial numbers repeat within a material, correct them first: %', repeats;
  END IF;
END $$;
ALTER TABLE inventory_lots FORCE ROW LEVEL SECURITY;
ALTER TABLE inventory_serials FORCE ROW LEVEL SECURITY;
ALTER TABLE inventory_serials ALTER COLUMN material_id SET NOT NULL;
ALTER TABLE inventory_serials
  ADD FOREIGN KEY (tenant_id, material_id) REFERENCES materials(tenant_id, id);
-- unique per material, and the look-up of a scanned serial (its leading columns)
CREATE UNIQUE INDEX inventory_serials_serial ON inventory_serials (tenant_id, serial_number, material_id);
