-- 2D plant layouts: a floor plan (PNG, JPEG or SVG kept in the database, so backups and tenants carry it) of a
-- site or an area of the factory model, and the equipment markers placed on it.
-- plant_layouts: the plan's bytes and content type (both null until a background is uploaded), its size in
--   image pixels (the markers' fractions are of this size), and a version for optimistic concurrency.
-- plant_layout_markers: one marker per equipment per layout, at x/y as fractions of the image (0..1) so a
--   replaced background of another resolution keeps them in place; saved replace-all with the layout's version.
-- New tables only; no locks on existing data, no backfill.

CREATE TABLE plant_layouts (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  -- a site or an area (workshop); the layout is seen by whoever sees that node
  node_id uuid NOT NULL,
  name text NOT NULL,
  background bytea,
  background_type text CHECK (background_type IN ('image/png', 'image/jpeg', 'image/svg+xml')),
  width integer CHECK (width > 0),
  height integer CHECK (height > 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (tenant_id, id),
  CHECK ((background IS NULL) = (background_type IS NULL)),
  -- a node can only be deleted once its equipment is gone, so its layouts have no markers left to lose
  FOREIGN KEY (tenant_id, node_id) REFERENCES plant_nodes(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX plant_layouts_node ON plant_layouts (tenant_id, node_id);

CREATE TABLE plant_layout_markers (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  layout_id uuid NOT NULL,
  equipment_id uuid NOT NULL,
  x double precision NOT NULL CHECK (x >= 0 AND x <= 1),
  y double precision NOT NULL CHECK (y >= 0 AND y <= 1),
  label text,
  PRIMARY KEY (tenant_id, layout_id, equipment_id),
  FOREIGN KEY (tenant_id, layout_id) REFERENCES plant_layouts(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, equipment_id) REFERENCES equipment(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX plant_layout_markers_equipment ON plant_layout_markers (tenant_id, equipment_id);

ALTER TABLE plant_layouts ENABLE ROW LEVEL SECURITY;
ALTER TABLE plant_layouts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plant_layouts USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON plant_layouts TO greenmes_app;

ALTER TABLE plant_layout_markers ENABLE ROW LEVEL SECURITY;
ALTER TABLE plant_layout_markers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plant_layout_markers USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON plant_layout_markers TO greenmes_app;
