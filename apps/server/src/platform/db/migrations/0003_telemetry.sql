-- Device data: gateways, device profiles, devices, metrics, device credentials, samples
-- (time-partitioned, with packed hours), latest values, minute/hour/day rollups, ingest errors.
-- New tables only; no locks on existing data.

CREATE TABLE gateways (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  description text,
  is_enabled boolean NOT NULL DEFAULT true,
  last_seen_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
);

CREATE TABLE device_profiles (
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

-- The metric columns shared by profile templates and device metrics.
CREATE TABLE profile_metrics (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  profile_id uuid NOT NULL,
  key text NOT NULL,
  name text NOT NULL,
  unit_code text,
  value_type text NOT NULL CHECK (value_type IN ('number', 'boolean', 'state', 'string')),
  kind text NOT NULL CHECK (kind IN ('gauge', 'counter', 'state', 'event')),
  energy_medium text,
  scale double precision NOT NULL DEFAULT 1,
  "offset" double precision NOT NULL DEFAULT 0,
  counter_max double precision CHECK (counter_max > 0),
  states text[],
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, profile_id, key),
  FOREIGN KEY (tenant_id, profile_id) REFERENCES device_profiles(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE devices (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  description text,
  gateway_id uuid,
  profile_id uuid,
  equipment_id uuid,
  is_enabled boolean NOT NULL DEFAULT true,
  offline_after_seconds integer NOT NULL DEFAULT 300 CHECK (offline_after_seconds BETWEEN 10 AND 604800),
  last_seen_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, gateway_id) REFERENCES gateways(tenant_id, id),
  FOREIGN KEY (tenant_id, profile_id) REFERENCES device_profiles(tenant_id, id),
  FOREIGN KEY (tenant_id, equipment_id) REFERENCES equipment(tenant_id, id)
);
CREATE INDEX devices_gateway_idx ON devices (tenant_id, gateway_id);
CREATE INDEX devices_equipment_idx ON devices (tenant_id, equipment_id);
CREATE INDEX devices_profile_idx ON devices (tenant_id, profile_id);

-- A metric is one time series. Its bigint id keeps every sample row and packed hour small.
CREATE TABLE metrics (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  device_id uuid NOT NULL,
  profile_metric_id uuid,
  key text NOT NULL,
  name text NOT NULL,
  unit_code text,
  value_type text NOT NULL CHECK (value_type IN ('number', 'boolean', 'state', 'string')),
  kind text NOT NULL CHECK (kind IN ('gauge', 'counter', 'state', 'event')),
  energy_medium text,
  scale double precision NOT NULL DEFAULT 1,
  "offset" double precision NOT NULL DEFAULT 0,
  counter_max double precision CHECK (counter_max > 0),
  states text[],
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, device_id, key),
  FOREIGN KEY (tenant_id, device_id) REFERENCES devices(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX metrics_profile_metric_idx ON metrics (tenant_id, profile_metric_id);

-- Credentials of a device or a gateway: an access token or a username/password; only hashes stored.
-- Looked up before the tenant is known (MQTT CONNECT, ingest token), hence the global token index.
CREATE TABLE device_credentials (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  device_id uuid,
  gateway_id uuid,
  kind text NOT NULL CHECK (kind IN ('token', 'password')),
  token_hash text,
  username text,
  password_hash text,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  revoked_at timestamptz,
  last_used_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, username),
  FOREIGN KEY (tenant_id, device_id) REFERENCES devices(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, gateway_id) REFERENCES gateways(tenant_id, id) ON DELETE CASCADE,
  CHECK ((device_id IS NULL) <> (gateway_id IS NULL)),
  CHECK ((kind = 'token') = (token_hash IS NOT NULL)),
  CHECK ((kind = 'password') = (username IS NOT NULL AND password_hash IS NOT NULL))
);
CREATE UNIQUE INDEX device_credentials_token_idx ON device_credentials (token_hash) WHERE token_hash IS NOT NULL;

-- Raw samples, one partition per day (created ahead by the partition job; anything outside lands
-- in the default partition). value holds numbers, booleans (0/1) and state codes; text_value strings.
CREATE TABLE samples (
  tenant_id uuid NOT NULL,
  metric_id bigint NOT NULL,
  ts timestamptz NOT NULL,
  value double precision,
  text_value text,
  PRIMARY KEY (tenant_id, metric_id, ts)
) PARTITION BY RANGE (ts);
CREATE TABLE samples_default PARTITION OF samples DEFAULT;
-- The rollup job reads the last minutes of every metric: a BRIN index on time costs little to keep.
CREATE INDEX samples_ts_brin ON samples USING brin (ts);

-- Compacted raw samples: one row per metric per hour; offsets_ms[i] is ts - hour in milliseconds.
CREATE TABLE samples_packed (
  tenant_id uuid NOT NULL,
  metric_id bigint NOT NULL,
  hour timestamptz NOT NULL,
  offsets_ms integer[] NOT NULL,
  "values" double precision[] NOT NULL,
  text_values text[],
  PRIMARY KEY (tenant_id, metric_id, hour)
);
CREATE INDEX samples_packed_hour_idx ON samples_packed (hour);

-- Raw and packed samples alike; invoker's rights so row-level security applies.
CREATE VIEW samples_all WITH (security_invoker = true) AS
  SELECT tenant_id, metric_id, ts, value, text_value FROM samples
  UNION ALL
  SELECT p.tenant_id, p.metric_id, p.hour + u.o * interval '1 millisecond', u.v, u.t
  FROM samples_packed p, unnest(p.offsets_ms, p."values", p.text_values) AS u(o, v, t);

CREATE TABLE metric_latest (
  tenant_id uuid NOT NULL,
  metric_id bigint NOT NULL,
  ts timestamptz NOT NULL,
  value double precision,
  text_value text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, metric_id)
);

-- Rollups: avg = sum / count; delta is a counter's increase with resets and rollovers handled.
CREATE TABLE rollups_1m (
  tenant_id uuid NOT NULL,
  metric_id bigint NOT NULL,
  bucket timestamptz NOT NULL,
  count integer NOT NULL,
  sum double precision,
  min double precision,
  max double precision,
  first double precision,
  first_ts timestamptz NOT NULL,
  last double precision,
  last_ts timestamptz NOT NULL,
  delta double precision,
  PRIMARY KEY (tenant_id, metric_id, bucket)
);
CREATE TABLE rollups_1h (LIKE rollups_1m INCLUDING ALL);
CREATE TABLE rollups_1d (LIKE rollups_1m INCLUDING ALL);

-- The rollup job's progress: minutes before the watermark are rolled up; samples that arrive for
-- them later are marked in rollup_late by the writer, in the same transaction.
CREATE TABLE rollup_state (
  id integer PRIMARY KEY CHECK (id = 1),
  watermark timestamptz NOT NULL
);
INSERT INTO rollup_state VALUES (1, date_trunc('minute', now()));
CREATE TABLE rollup_late (
  tenant_id uuid NOT NULL,
  metric_id bigint NOT NULL,
  bucket timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, metric_id, bucket)
);

-- Rejected samples, per device, for the recent-errors view (trimmed by the retention job).
CREATE TABLE ingest_errors (
  tenant_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  device_id uuid,
  transport text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  metric_key text,
  sample_ts text,
  reason text NOT NULL,
  detail text,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX ingest_errors_device_idx ON ingest_errors (tenant_id, device_id, at DESC);
CREATE TABLE device_ingest_stats (
  tenant_id uuid NOT NULL,
  device_id uuid NOT NULL,
  accepted bigint NOT NULL DEFAULT 0,
  rejected bigint NOT NULL DEFAULT 0,
  last_error_at timestamptz,
  PRIMARY KEY (tenant_id, device_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['gateways','device_profiles','profile_metrics','devices','metrics',
    'device_credentials','samples','samples_default','samples_packed','metric_latest','rollups_1m','rollups_1h',
    'rollups_1d','rollup_late','ingest_errors','device_ingest_stats'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO greenmes_app', t);
  END LOOP;
END $$;
-- greenmes_app reads samples through the parent table only; the partition grant is revoked again
-- (each partition still has its own forced policy, like the day partitions the job creates)
REVOKE ALL ON samples_default FROM greenmes_app;
GRANT SELECT ON samples_all TO greenmes_app;
GRANT SELECT ON rollup_state TO greenmes_app;
