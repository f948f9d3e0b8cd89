-- Alarms from sources other than a metric rule: an energy performance indicator (EnPI) whose month
-- of consumption is beyond its margin (issue 5). Such an alarm has no metric, device or rule; it
-- names its source (the EnPI's id) and the key of the occurrence (the month, YYYY-MM).
--
-- alarms: ADD COLUMN with a constant default and DROP NOT NULL change the catalogue only (no
-- rewrite, a brief ACCESS EXCLUSIVE lock). The CHECK is added NOT VALID, then validated under a
-- SHARE UPDATE EXCLUSIVE lock, so ingest keeps raising and clearing alarms during the scan.
-- The two indexes are partial over source <> 'metric': empty when they are built.

ALTER TABLE alarms
  ADD COLUMN source text NOT NULL DEFAULT 'metric',
  ADD COLUMN source_id uuid,
  ADD COLUMN source_key text,
  ALTER COLUMN metric_id DROP NOT NULL,
  ALTER COLUMN device_id DROP NOT NULL;

-- a metric alarm keeps its metric and device; any other names its source and occurrence instead
ALTER TABLE alarms ADD CONSTRAINT alarms_source_check CHECK (
  CASE source
    WHEN 'metric' THEN metric_id IS NOT NULL AND device_id IS NOT NULL AND source_id IS NULL AND source_key IS NULL
    WHEN 'enpi' THEN metric_id IS NULL AND device_id IS NULL AND rule_id IS NULL
      AND source_id IS NOT NULL AND source_key ~ '^\d{4}-(0[1-9]|1[0-2])$'
    ELSE false
  END) NOT VALID;
ALTER TABLE alarms VALIDATE CONSTRAINT alarms_source_check;

-- at most one open alarm per source occurrence (an EnPI's month): re-evaluation never duplicates it
CREATE UNIQUE INDEX alarms_open_source_key ON alarms (tenant_id, source, source_id, source_key)
  WHERE state <> 'cleared' AND source <> 'metric';
CREATE INDEX alarms_source_idx ON alarms (tenant_id, source, source_id, raised_at DESC) WHERE source <> 'metric';

-- An EnPI raises alarms unless this is turned off. New column with a constant default: no rewrite.
ALTER TABLE energy_enpis ADD COLUMN is_alarm_enabled boolean NOT NULL DEFAULT true;
