-- Shift calendars per site: the shifts worked (with their breaks and weekdays) over a validity, and the
-- days that differ from the weekly pattern (public holidays, 调休 working days). Production scheduling
-- and energy "by shift" read the concrete shift instances computed from them.
-- New tables only; no locks on existing data.

CREATE TABLE shift_calendars (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  site_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  valid_from date NOT NULL,
  -- inclusive; open-ended when NULL. Calendars of one site must not overlap (checked by the service).
  valid_to date,
  description text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, site_id) REFERENCES plant_nodes(tenant_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX shift_calendars_site ON shift_calendars (tenant_id, site_id, valid_from);

-- A shift of a calendar. Times are minutes after local midnight; end_minute <= start_minute means
-- the shift ends the next day. Breaks are [{"start": "HH:MM", "end": "HH:MM"}] inside the shift.
CREATE TABLE shift_definitions (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  calendar_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  start_minute integer NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
  end_minute integer NOT NULL CHECK (end_minute >= 0 AND end_minute <= 1440),
  -- ISO weekdays the shift starts on: 1 = Monday … 7 = Sunday
  weekdays smallint[] NOT NULL,
  breaks jsonb NOT NULL DEFAULT '[]',
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, calendar_id, code),
  FOREIGN KEY (tenant_id, calendar_id) REFERENCES shift_calendars(tenant_id, id) ON DELETE CASCADE
);

-- 节假日 and 调休: a holiday has no shifts; a working day runs the listed shifts (NULL = all of them).
CREATE TABLE shift_calendar_days (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  calendar_id uuid NOT NULL,
  day date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text,
  shift_codes text[],
  PRIMARY KEY (tenant_id, calendar_id, day),
  FOREIGN KEY (tenant_id, calendar_id) REFERENCES shift_calendars(tenant_id, id) ON DELETE CASCADE,
  CHECK (kind = 'workday' OR shift_codes IS NULL)
);

ALTER TABLE shift_calendars ENABLE ROW LEVEL SECURITY;
ALTER TABLE shift_calendars FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shift_calendars USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE shift_definitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE shift_definitions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shift_definitions USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE shift_calendar_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE shift_calendar_days FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shift_calendar_days USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON shift_calendars, shift_definitions, shift_calendar_days TO greenmes_app;
