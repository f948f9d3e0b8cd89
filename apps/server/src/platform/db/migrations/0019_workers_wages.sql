-- People and labour definitions: grades (初级/中级/高级/技师, per enterprise), a skill catalogue whose codes are
-- the routings' required-skill text, workers (operators) with their team, grade, skills, badge and PIN, and
-- wage rates with effective periods: piece rates per operation code (product and grade optional) and hourly
-- time rates per grade. The shop-floor terminal signs workers in from here; wage sheets price job reports with
-- the rates. New tables only; no locks on existing data.

CREATE TABLE labour_grades (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
);

-- code = the text a routing operation's required_skill holds ("数控车工 中级"), so it may be any text
CREATE TABLE labour_skills (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
);

CREATE TABLE labour_workers (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  employee_no text NOT NULL,
  name text NOT NULL,
  -- the team: a plant node (area, line or work center)
  team_id uuid,
  grade_id uuid,
  -- an optional platform account of the same person (one worker per account)
  user_id uuid,
  -- what a badge or QR scanner types; unique so a scan names one person
  badge_code text,
  -- argon2id, like passwords; never leaves the server
  pin_hash text,
  pin_failures integer NOT NULL DEFAULT 0,
  pin_locked_until timestamptz,
  is_active boolean NOT NULL DEFAULT true,
  hire_date date,
  leave_date date,
  phone text,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, employee_no),
  UNIQUE (tenant_id, badge_code),
  UNIQUE (tenant_id, user_id),
  FOREIGN KEY (tenant_id, team_id) REFERENCES plant_nodes(tenant_id, id),
  FOREIGN KEY (tenant_id, grade_id) REFERENCES labour_grades(tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE SET NULL (user_id),
  CHECK (leave_date IS NULL OR hire_date IS NULL OR leave_date >= hire_date)
);
CREATE INDEX labour_workers_team ON labour_workers (tenant_id, team_id);

CREATE TABLE labour_worker_skills (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  worker_id uuid NOT NULL,
  skill_id uuid NOT NULL,
  -- proficiency 1 (learning) … 5 (can teach)
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  -- last day a certificate-backed skill counts (inclusive); NULL = no expiry
  valid_until date,
  PRIMARY KEY (tenant_id, worker_id, skill_id),
  FOREIGN KEY (tenant_id, worker_id) REFERENCES labour_workers(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, skill_id) REFERENCES labour_skills(tenant_id, id)
);
CREATE INDEX labour_worker_skills_skill ON labour_worker_skills (tenant_id, skill_id);

-- Piece rates in yuan per good unit. Key: operation code, product (NULL = any), grade (NULL = any);
-- periods of one key may not overlap (checked by the service under an advisory lock).
CREATE TABLE labour_piece_rates (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  operation_code text NOT NULL,
  product_id uuid,
  grade_id uuid,
  rate numeric(12, 4) NOT NULL CHECK (rate >= 0),
  -- scrap units: 'none' earn nothing, 'deduct' cost scrap_deduction yuan each, 'pay_percent' earn that % of rate
  scrap_policy text NOT NULL CHECK (scrap_policy IN ('none', 'deduct', 'pay_percent')),
  scrap_deduction numeric(12, 4) CHECK (scrap_deduction >= 0),
  scrap_pay_percent numeric(7, 4) CHECK (scrap_pay_percent >= 0 AND scrap_pay_percent <= 100),
  rework_rate numeric(12, 4) NOT NULL DEFAULT 0 CHECK (rework_rate >= 0),
  effective_from date NOT NULL,
  effective_to date,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, product_id) REFERENCES materials(tenant_id, id),
  FOREIGN KEY (tenant_id, grade_id) REFERENCES labour_grades(tenant_id, id),
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  CHECK ((scrap_policy = 'deduct') = (scrap_deduction IS NOT NULL)),
  CHECK ((scrap_policy = 'pay_percent') = (scrap_pay_percent IS NOT NULL))
);
CREATE INDEX labour_piece_rates_key ON labour_piece_rates (tenant_id, operation_code, effective_from);

-- Hourly time rates in yuan per hour per grade, for time-based work.
CREATE TABLE labour_time_rates (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  grade_id uuid NOT NULL,
  rate numeric(12, 4) NOT NULL CHECK (rate >= 0),
  effective_from date NOT NULL,
  effective_to date,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, grade_id) REFERENCES labour_grades(tenant_id, id),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX labour_time_rates_grade ON labour_time_rates (tenant_id, grade_id, effective_from);

ALTER TABLE labour_grades ENABLE ROW LEVEL SECURITY;
ALTER TABLE labour_grades FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON labour_grades USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE labour_skills ENABLE ROW LEVEL SECURITY;
ALTER TABLE labour_skills FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON labour_skills USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE labour_workers ENABLE ROW LEVEL SECURITY;
ALTER TABLE labour_workers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON labour_workers USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE labour_worker_skills ENABLE ROW LEVEL SECURITY;
ALTER TABLE labour_worker_skills FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON labour_worker_skills USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE labour_piece_rates ENABLE ROW LEVEL SECURITY;
ALTER TABLE labour_piece_rates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON labour_piece_rates USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE labour_time_rates ENABLE ROW LEVEL SECURITY;
ALTER TABLE labour_time_rates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON labour_time_rates USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON labour_grades, labour_skills, labour_workers, labour_worker_skills,
  labour_piece_rates, labour_time_rates TO greenmes_app;
