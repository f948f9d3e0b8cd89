-- Wage sheets: one per worker per period (inclusive local days of the enterprise's time zone), computed
-- from job reports — piece pay per report (good × the piece rate that applied, scrap by the rate's policy,
-- rework) and time pay per operation and day (hours from the operation timeline × the grade's hourly rate
-- that day). Draft → approved; an approved sheet is locked. Lines keep the rate applied, which rate and why,
-- and copies of the codes they showed, so an approved sheet reads the same after work orders or rates
-- change. Money is numeric yuan, never a float. New tables only; no locks on existing data.

CREATE TABLE wage_sheets (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  -- a labour_workers row; no foreign key, like job_reports: a sheet outlives the roster entry
  worker_id uuid NOT NULL,
  employee_no text NOT NULL,
  worker_name text NOT NULL,
  -- the worker's team and grade when the sheet was generated (team: data scope and filters)
  team_id uuid,
  grade_id uuid,
  grade_name text,
  period_start date NOT NULL,
  period_end date NOT NULL,
  -- the zone the period's days were read in
  timezone text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
  good_qty numeric(18, 6) NOT NULL DEFAULT 0,
  scrap_qty numeric(18, 6) NOT NULL DEFAULT 0,
  rework_qty numeric(18, 6) NOT NULL DEFAULT 0,
  hours numeric(12, 4) NOT NULL DEFAULT 0,
  piece_amount numeric(14, 2) NOT NULL DEFAULT 0,
  -- negative when scrap is deducted, positive when it is paid at a percentage
  scrap_amount numeric(14, 2) NOT NULL DEFAULT 0,
  rework_amount numeric(14, 2) NOT NULL DEFAULT 0,
  time_amount numeric(14, 2) NOT NULL DEFAULT 0,
  total_amount numeric(14, 2) NOT NULL DEFAULT 0,
  -- lines that priced nothing (no rate, no grade): someone must look before approving
  warning_count integer NOT NULL DEFAULT 0,
  generated_at timestamptz NOT NULL DEFAULT now(),
  generated_by uuid,
  approved_at timestamptz,
  approved_by uuid,
  approved_by_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  -- overlapping periods of one worker are refused by the service (under an advisory lock)
  UNIQUE (tenant_id, worker_id, period_start, period_end),
  FOREIGN KEY (tenant_id, team_id) REFERENCES plant_nodes(tenant_id, id) ON DELETE SET NULL (team_id),
  FOREIGN KEY (tenant_id, grade_id) REFERENCES labour_grades(tenant_id, id) ON DELETE SET NULL (grade_id),
  CHECK (period_end >= period_start),
  CHECK ((status = 'approved') = (approved_at IS NOT NULL))
);
CREATE INDEX wage_sheets_period ON wage_sheets (tenant_id, period_start, period_end);
CREATE INDEX wage_sheets_worker ON wage_sheets (tenant_id, worker_id, period_start);

CREATE TABLE wage_sheet_lines (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  sheet_id uuid NOT NULL,
  line_no integer NOT NULL,
  -- piece: one job report's quantities; time: hours on one operation on one day
  kind text NOT NULL CHECK (kind IN ('piece', 'time')),
  work_date date NOT NULL,
  job_report_id uuid,
  work_order_id uuid,
  work_order_number text,
  operation_id uuid,
  operation_code text NOT NULL,
  product_id uuid,
  product_code text,
  product_name text,
  good_qty numeric(18, 6) NOT NULL DEFAULT 0,
  scrap_qty numeric(18, 6) NOT NULL DEFAULT 0,
  rework_qty numeric(18, 6) NOT NULL DEFAULT 0,
  hours numeric(12, 4) NOT NULL DEFAULT 0,
  -- the rate applied: a labour_piece_rates or labour_time_rates row (no foreign key: rates may be deleted later)
  rate_id uuid,
  -- yuan per good unit (piece) or per hour (time)
  rate numeric(12, 4),
  -- why this rate: the level its key matched at (piece) and its key and period in words
  rate_match text,
  rate_basis text,
  scrap_policy text,
  scrap_deduction numeric(12, 4),
  scrap_pay_percent numeric(7, 4),
  rework_rate numeric(12, 4),
  piece_amount numeric(14, 2) NOT NULL DEFAULT 0,
  scrap_amount numeric(14, 2) NOT NULL DEFAULT 0,
  rework_amount numeric(14, 2) NOT NULL DEFAULT 0,
  time_amount numeric(14, 2) NOT NULL DEFAULT 0,
  amount numeric(14, 2) NOT NULL DEFAULT 0,
  -- set when nothing could be priced: no_piece_rate, no_time_rate, no_grade (amount 0)
  warning text,
  PRIMARY KEY (tenant_id, sheet_id, line_no),
  FOREIGN KEY (tenant_id, sheet_id) REFERENCES wage_sheets(tenant_id, id) ON DELETE CASCADE,
  CHECK (warning IS NULL OR amount = 0)
);

ALTER TABLE wage_sheets ENABLE ROW LEVEL SECURITY;
ALTER TABLE wage_sheets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON wage_sheets USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE wage_sheet_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE wage_sheet_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON wage_sheet_lines USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON wage_sheets, wage_sheet_lines TO greenmes_app;
