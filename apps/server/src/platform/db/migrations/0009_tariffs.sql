-- Energy tariff plans of a tenant: time-of-use electricity (seasons × a 24 h schedule of periods, a
-- price per period, an optional demand or capacity charge) and flat prices for the other media.
-- The schedule and prices are one document a plan is edited as, so they are jsonb; money is numeric.
-- New, empty table: no lock on existing data.

CREATE TABLE energy_tariff_plans (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  medium text NOT NULL,
  unit text NOT NULL,
  currency text NOT NULL DEFAULT 'CNY' CHECK (currency = 'CNY'),
  valid_from date NOT NULL,
  valid_to date,
  pricing text NOT NULL CHECK (pricing IN ('tou', 'flat')),
  flat_price numeric(14, 6) CHECK (flat_price >= 0),
  -- {"peak": "1.07", ...}: yuan per kWh of each period
  prices jsonb NOT NULL DEFAULT '{}',
  -- [{"name", "months": [7,8,9], "schedule": [{"period", "start": "HH:MM", "end": "HH:MM"}]}]
  seasons jsonb NOT NULL DEFAULT '[]',
  -- {"basis": "demand", "pricePerKwMonth"} or {"basis": "capacity", "pricePerKvaMonth", "capacityKva"}
  basic_charge jsonb,
  note text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX energy_tariff_plans_medium ON energy_tariff_plans (tenant_id, medium, valid_from);

ALTER TABLE energy_tariff_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE energy_tariff_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON energy_tariff_plans USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON energy_tariff_plans TO greenmes_app;
