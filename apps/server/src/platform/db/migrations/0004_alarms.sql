-- Alarms: rules on a metric or on a device profile's metric key, alarm instances with their
-- append-only history, webhooks and their delivery outbox.
-- New tables only. The foreign keys to metrics and device_profiles take a brief SHARE ROW EXCLUSIVE
-- lock on those tables while this migration commits (no rewrite, no scan of their rows).

CREATE TABLE alarm_rules (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  name text NOT NULL,
  -- the target: one metric, or every device of a profile that has the metric key
  metric_id bigint,
  profile_id uuid,
  metric_key text,
  type text NOT NULL CHECK (type IN ('high', 'low', 'rate_of_change', 'state_equals', 'no_data')),
  threshold double precision,
  -- high/low: value units; rate_of_change: units per minute. Clearing needs this much margin.
  deadband double precision NOT NULL DEFAULT 0 CHECK (deadband >= 0),
  -- the condition must hold this long (device time) before the alarm is raised
  duration_seconds integer NOT NULL DEFAULT 0 CHECK (duration_seconds BETWEEN 0 AND 86400),
  rate_per_minute double precision CHECK (rate_per_minute > 0),
  window_seconds integer CHECK (window_seconds BETWEEN 1 AND 86400),
  state_value text,
  no_data_minutes integer CHECK (no_data_minutes BETWEEN 1 AND 10080),
  severity text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  message text,
  is_enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  -- a rule on a deleted metric or profile means nothing any more; its alarms keep their history
  FOREIGN KEY (tenant_id, metric_id) REFERENCES metrics(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, profile_id) REFERENCES device_profiles(tenant_id, id) ON DELETE CASCADE,
  CHECK ((metric_id IS NULL) <> (profile_id IS NULL)),
  CHECK ((profile_id IS NULL) = (metric_key IS NULL)),
  CHECK (type NOT IN ('high', 'low') OR threshold IS NOT NULL),
  CHECK (type <> 'rate_of_change' OR (rate_per_minute IS NOT NULL AND window_seconds IS NOT NULL)),
  CHECK (type <> 'state_equals' OR state_value IS NOT NULL),
  CHECK (type <> 'no_data' OR no_data_minutes IS NOT NULL)
);
CREATE INDEX alarm_rules_metric_idx ON alarm_rules (tenant_id, metric_id);
CREATE INDEX alarm_rules_profile_idx ON alarm_rules (tenant_id, profile_id, metric_key);

-- One row per occurrence: raised → (acknowledged) → cleared. Rule name, type, severity and
-- message are copied at raise time so that history reads the same after the rule changes.
CREATE TABLE alarms (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  rule_id uuid,
  rule_name text NOT NULL,
  type text NOT NULL,
  -- no foreign keys to metrics/devices: history outlives them (like samples)
  metric_id bigint NOT NULL,
  device_id uuid NOT NULL,
  severity text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  message text,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'acknowledged', 'cleared')),
  raised_at timestamptz NOT NULL,
  raise_value double precision,
  raise_text text,
  -- the latest value known at the alarm's latest write (raise, acknowledge, shelve, clear)
  last_value double precision,
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  ack_comment text,
  cleared_at timestamptz,
  clear_value double precision,
  shelved_until timestamptz,
  shelved_by uuid,
  shelve_reason text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, rule_id) REFERENCES alarm_rules(tenant_id, id) ON DELETE SET NULL (rule_id),
  CHECK ((state = 'cleared') = (cleared_at IS NOT NULL)),
  CHECK (state <> 'acknowledged' OR acknowledged_at IS NOT NULL)
);
-- at most one open alarm per (rule, metric): concurrent raisers (several instances) meet here
CREATE UNIQUE INDEX alarms_open_key ON alarms (tenant_id, rule_id, metric_id) WHERE state <> 'cleared';
CREATE INDEX alarms_raised_idx ON alarms (tenant_id, raised_at DESC);
CREATE INDEX alarms_device_idx ON alarms (tenant_id, device_id, raised_at DESC);
CREATE INDEX alarms_rule_idx ON alarms (tenant_id, rule_id, raised_at DESC);
CREATE INDEX alarms_open_idx ON alarms (tenant_id, severity) WHERE state <> 'cleared';
-- the unshelve job looks across tenants
CREATE INDEX alarms_shelved_idx ON alarms (shelved_until) WHERE shelved_until IS NOT NULL AND state <> 'cleared';

CREATE TABLE alarm_events (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  alarm_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL CHECK (action IN ('raise', 'acknowledge', 'clear', 'shelve', 'unshelve')),
  user_id uuid,
  comment text,
  value double precision,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, alarm_id) REFERENCES alarms(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX alarm_events_alarm_idx ON alarm_events (tenant_id, alarm_id, id);

-- The secret is kept in clear because the server signs with it; the API shows it once.
CREATE TABLE webhooks (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  name text NOT NULL,
  url text NOT NULL,
  secret text NOT NULL,
  min_severity text NOT NULL DEFAULT 'warning'
    CHECK (min_severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  is_enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

-- Outbox: written in the alarm's transaction, delivered by the alarms.webhooks job with retries.
CREATE TABLE webhook_deliveries (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  webhook_id uuid NOT NULL,
  alarm_id uuid,
  event text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhooks(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (tenant_id, webhook_id, id DESC);
-- the delivery job looks across tenants
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['alarm_rules','alarms','alarm_events','webhooks','webhook_deliveries'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO greenmes_app', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['alarm_events','webhook_deliveries'] LOOP
    EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO greenmes_app', pg_get_serial_sequence(t, 'id'));
  END LOOP;
END $$;

-- Alarm history is append-only for the application.
REVOKE UPDATE, DELETE ON alarm_events FROM greenmes_app;
