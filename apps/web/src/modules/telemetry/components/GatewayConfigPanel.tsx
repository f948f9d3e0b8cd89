import { useMemo, useState, type CSSProperties } from 'react';
import { App, Button, Card, Col, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TGatewayConfigVersion } from '@greenmes/contracts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { gatewaysApi } from '../api/gateways-api.ts';
import { useGatewayConfigVersions, useInvalidateTelemetry } from '../hooks/use-telemetry-queries.ts';

const MONO: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  fontSize: 13,
};

const pretty = (config: unknown) => JSON.stringify(config, null, 2);

type Parsed =
  | { ok: true; config: Record<string, unknown> }
  | { ok: false; reason: 'syntax'; message: string; line?: number; column?: number }
  | { ok: false; reason: 'notObject' };

/** Parses the editor's text; on a syntax error, where it is (line/column), whichever way the engine says it. */
export function parseConfig(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    if (lineCol)
      return { ok: false, reason: 'syntax', message, line: Number(lineCol[1]), column: Number(lineCol[2]) };
    const position = /position (\d+)/.exec(message);
    if (position) {
      const before = text.slice(0, Number(position[1])).split('\n');
      return {
        ok: false,
        reason: 'syntax',
        message,
        line: before.length,
        column: (before.at(-1)?.length ?? 0) + 1,
      };
    }
    return { ok: false, reason: 'syntax', message };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, reason: 'notObject' };
  return { ok: true, config: value as Record<string, unknown> };
}

/** Edit the gateway's configuration (a JSON document, versioned in the cloud and pulled by the gateway). */
export function GatewayConfigPanel(props: { gatewayId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateTelemetry();
  const versions = useGatewayConfigVersions(props.gatewayId);
  const latest = versions.data?.[0];
  // null = untouched: the editor shows the latest saved version (or an empty object)
  const [draft, setDraft] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [viewing, setViewing] = useState<TGatewayConfigVersion | null>(null);
  const text = draft ?? (latest ? pretty(latest.config) : '{\n}');
  const parsed = useMemo(() => parseConfig(text), [text]);

  const save = useMutation({
    mutationFn: (config: Record<string, unknown>) =>
      gatewaysApi.saveConfig(props.gatewayId, { config, comment: comment.trim() || undefined }),
    onSuccess: (saved) => {
      void message.success(t('gateway.config.saved', { version: saved.version }));
      setDraft(null);
      setComment('');
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });

  const parseError = !parsed.ok
    ? parsed.reason === 'notObject'
      ? t('gateway.config.notObject')
      : parsed.line !== undefined
        ? t('gateway.config.syntaxErrorAt', { line: parsed.line, column: parsed.column })
        : t('gateway.config.syntaxError', { message: parsed.message })
    : null;

  return (
    <div data-testid="gateway-config-panel">
      <Typography.Paragraph type="secondary">{t('gateway.config.hint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{t('gateway.config.editor')}</Typography.Text>
              {latest ? (
                <Tag>{t('gateway.config.basedOn', { version: latest.version })}</Tag>
              ) : (
                <Tag>{t('gateway.config.noVersions')}</Tag>
              )}
              {draft !== null && <Tag color="warning">{t('gateway.config.unsaved')}</Tag>}
            </Space>
            <Input.TextArea
              value={text}
              onChange={(e) => setDraft(e.target.value)}
              readOnly={!props.canManage}
              autoSize={{ minRows: 12, maxRows: 32 }}
              spellCheck={false}
              style={MONO}
              status={parseError ? 'error' : undefined}
              data-testid="gateway-config-editor"
            />
            {parseError && (
              <Typography.Text type="danger" data-testid="gateway-config-parse-error">
                {parseError}
              </Typography.Text>
            )}
            {props.canManage && (
              <>
                <Input
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  maxLength={500}
                  placeholder={t('gateway.config.commentPlaceholder')}
                  data-testid="gateway-config-comment"
                />
                <Space>
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    disabled={!parsed.ok}
                    loading={save.isPending}
                    onClick={() => parsed.ok && save.mutate(parsed.config)}
                    data-testid="gateway-config-save"
                  >
                    {t('gateway.config.save')}
                  </Button>
                  {draft !== null && (
                    <Button onClick={() => setDraft(null)}>{t('gateway.config.discard')}</Button>
                  )}
                </Space>
              </>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Table<TGatewayConfigVersion>
            size="small"
            rowKey="version"
            loading={versions.isLoading}
            dataSource={versions.data ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="gateway-config-versions"
            locale={{ emptyText: t('gateway.config.noVersions') }}
            onRow={(record) => ({ onClick: () => setViewing(record), style: { cursor: 'pointer' } })}
            rowClassName={(record) => (record.version === viewing?.version ? 'ant-table-row-selected' : '')}
            columns={[
              {
                title: t('gateway.config.version'),
                dataIndex: 'version',
                width: 70,
                render: (v: number) => (
                  <Typography.Link data-testid={`config-version-${v}`}>v{v}</Typography.Link>
                ),
              },
              {
                title: t('gateway.config.comment'),
                dataIndex: 'comment',
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('gateway.config.createdBy'),
                dataIndex: 'createdBy',
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('gateway.config.createdAt'),
                dataIndex: 'createdAt',
                render: (v: string) => formatDateTime(v),
              },
            ]}
          />
          {viewing && (
            <Card
              size="small"
              style={{ marginTop: 12 }}
              title={t('gateway.config.viewing', { version: viewing.version })}
              data-testid="gateway-config-viewer"
              extra={
                <Space>
                  {props.canManage && (
                    <Button
                      size="small"
                      icon={<RollbackOutlined />}
                      onClick={() => setDraft(pretty(viewing.config))}
                      data-testid="gateway-config-restore"
                    >
                      {t('gateway.config.restore')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => setViewing(null)}>
                    {t('common.close')}
                  </Button>
                </Space>
              }
            >
              <pre style={{ ...MONO, margin: 0, maxHeight: 400, overflow: 'auto' }}>
                {pretty(viewing.config)}
              </pre>
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
