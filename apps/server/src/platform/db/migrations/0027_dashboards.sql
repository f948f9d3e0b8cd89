-- Dashboards: a tenant's grid of widgets (layout and bindings in one JSON definition, validated by the
-- service's zod schema before it is stored), owned by a user and shared with roles; `version` counts
-- saves for optimistic concurrency. TV links: a read-only view of one dashboard without login, by a
-- bearer token of which only the SHA-256 hash is stored (the plain token is shown once), revocable,
-- optionally expiring. New tables only; the foreign keys take a brief SHARE ROW EXCLUSIVE lock on users
-- while this commits (no scan, no rewrite).

CREATE TABLE dashboards (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description text,
  -- { widgets: [{ id, type, title, layout: {x,y,w,h}, binding?, options }] }
  definition jsonb NOT NULL,
  owner_id uuid,
  -- roles whose users may view it (ids; a deleted role simply stops matching)
  shared_role_ids uuid[] NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, owner_id) REFERENCES users(tenant_id, id) ON DELETE SET NULL (owner_id)
);
CREATE INDEX dashboards_name_idx ON dashboards (tenant_id, name);

CREATE TABLE dashboard_tv_links (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  dashboard_id uuid NOT NULL,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  -- the token's first characters, to tell links apart; the token itself is never stored
  prefix text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, dashboard_id) REFERENCES dashboards(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES users(tenant_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX dashboard_tv_links_dashboard_idx ON dashboard_tv_links (tenant_id, dashboard_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['dashboards','dashboard_tv_links'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO greenmes_app', t);
  END LOOP;
END $$;
