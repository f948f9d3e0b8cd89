-- Andon (异常): exceptions an operator raises on the shop floor — material shortage, equipment fault,
-- quality issue, other — on an operation (its order and work center) or a work center, open →
-- acknowledged → resolved, with an append-only history; a stopping exception refuses the operation's
-- start/resume/quantity/finish reports until it is resolved (checked by the service). Per-enterprise
-- escalation rules: for a kind, minutes after raising until each level, and whom to tell (a role, a
-- webhook of the alarms' outbox). The escalation job walks unresolved exceptions across tenants.
-- New tables only; the foreign keys take a brief SHARE ROW EXCLUSIVE lock on work_orders,
-- work_order_operations, plant_nodes, equipment, roles and webhooks while this commits (no scan, no rewrite).

CREATE TABLE andon_exceptions (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('material_shortage', 'equipment_fault', 'quality_issue', 'other')),
  -- an operation (with its order and, copied, its work center) or just a work center
  work_order_id uuid,
  operation_id uuid,
  work_center_id uuid NOT NULL,
  equipment_id uuid,
  -- the worker signed in at the terminal and/or the user whose session raised it
  raised_by_worker_id uuid,
  raised_by_user_id uuid,
  description text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  -- stops the operation (its reports are refused) or only flags it
  is_stopping boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  raised_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  ack_comment text,
  resolved_at timestamptz,
  resolved_by uuid,
  resolution text,
  -- the highest escalation level reached (0: none) and when
  escalation_level integer NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
  escalated_at timestamptz,
  -- the terminal's idempotency key: a retried raise returns the first exception
  client_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, client_id),
  FOREIGN KEY (tenant_id, work_order_id) REFERENCES work_orders(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, operation_id) REFERENCES work_order_operations(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, work_center_id) REFERENCES plant_nodes(tenant_id, id),
  FOREIGN KEY (tenant_id, equipment_id) REFERENCES equipment(tenant_id, id) ON DELETE SET NULL (equipment_id),
  CHECK ((operation_id IS NULL) = (work_order_id IS NULL)),
  CHECK (NOT is_stopping OR operation_id IS NOT NULL),
  CHECK (raised_by_worker_id IS NOT NULL OR raised_by_user_id IS NOT NULL),
  CHECK ((status = 'open') = (acknowledged_at IS NULL)),
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX andon_exceptions_raised_idx ON andon_exceptions (tenant_id, raised_at DESC);
-- the report check: a stopping exception still unresolved on the operation
CREATE INDEX andon_exceptions_operation_idx ON andon_exceptions (tenant_id, operation_id) WHERE status <> 'resolved';
-- the escalation job looks across tenants at what is unresolved
CREATE INDEX andon_exceptions_unresolved_idx ON andon_exceptions (raised_at) WHERE status <> 'resolved';

CREATE TABLE andon_exception_events (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  exception_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL CHECK (action IN ('raise', 'acknowledge', 'resolve', 'escalate')),
  user_id uuid,
  worker_id uuid,
  -- escalate: the level reached, and whom it told (names copied: history outlives roles and webhooks)
  level integer,
  notified_role text,
  notified_webhook text,
  comment text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, exception_id) REFERENCES andon_exceptions(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX andon_exception_events_exception_idx ON andon_exception_events (tenant_id, exception_id, id);

-- One row per (kind, level): level n is reached after_minutes after raising; levels of a kind grow in minutes.
CREATE TABLE andon_escalation_rules (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('material_shortage', 'equipment_fault', 'quality_issue', 'other')),
  level integer NOT NULL CHECK (level BETWEEN 1 AND 9),
  after_minutes integer NOT NULL CHECK (after_minutes BETWEEN 1 AND 10080),
  notify_role_id uuid,
  webhook_id uuid,
  is_enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, kind, level),
  FOREIGN KEY (tenant_id, notify_role_id) REFERENCES roles(tenant_id, id) ON DELETE SET NULL (notify_role_id),
  FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhooks(tenant_id, id) ON DELETE SET NULL (webhook_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['andon_exceptions','andon_exception_events','andon_escalation_rules'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO greenmes_app', t);
  END LOOP;
END $$;
GRANT USAGE, SELECT ON SEQUENCE andon_exception_events_id_seq TO greenmes_app;

-- The history is append-only for the application.
REVOKE UPDATE, DELETE ON andon_exception_events FROM greenmes_app;
