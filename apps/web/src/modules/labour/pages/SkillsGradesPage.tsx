import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TGrade, TSkill } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { gradesApi, skillsApi } from '../api/labour-api.ts';
import {
  labourKeys,
  useGrades,
  useInvalidate,
  useRequiredSkills,
  useSkills,
} from '../hooks/use-labour-queries.ts';

type Editing = { kind: 'skill'; item?: TSkill; code?: string } | { kind: 'grade'; item?: TGrade } | null;
interface Values {
  code: string;
  name: string;
  sortOrder?: number;
  description?: string;
}

/** 技能与等级: the skill catalogue (codes = the routings' required skills) and the enterprise's grades. */
export function SkillsGradesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('labour.worker.manage');
  const skills = useSkills();
  const required = useRequiredSkills();
  const grades = useGrades();
  const invalidate = useInvalidate(labourKeys.all);
  const [editing, setEditing] = useState<Editing>(null);
  const [form] = Form.useForm<Values>();
  const missing = (required.data ?? []).filter((r) => !r.isInCatalogue);

  const open = (e: NonNullable<Editing>) => {
    form.resetFields();
    const item = e.item;
    form.setFieldsValue(
      item
        ? { ...item, description: item.description ?? '' }
        : { code: e.kind === 'skill' ? (e.code ?? '') : '', name: e.kind === 'skill' ? (e.code ?? '') : '' },
    );
    setEditing(e);
  };
  const save = useMutation({
    mutationFn: async (v: Values): Promise<unknown> => {
      const body = { code: v.code, name: v.name, description: v.description || null };
      if (editing?.kind === 'grade') {
        const g = { ...body, sortOrder: v.sortOrder ?? 0 };
        return editing.item ? gradesApi.update(editing.item.id, g) : gradesApi.create(g);
      }
      return editing?.item ? skillsApi.update(editing.item.id, body) : skillsApi.create(body);
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      setEditing(null);
      void invalidate();
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const remove = useMutation({
    mutationFn: (o: { kind: 'skill' | 'grade'; id: string }) =>
      o.kind === 'skill' ? skillsApi.delete(o.id) : gradesApi.delete(o.id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const actions = (kind: 'skill' | 'grade', item: TSkill | TGrade) =>
    canManage && (
      <Space size={0}>
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          aria-label={t('common.edit')}
          onClick={() =>
            open(kind === 'skill' ? { kind, item: item as TSkill } : { kind, item: item as TGrade })
          }
        />
        <Popconfirm
          title={t('common.confirmDelete', { name: item.code })}
          onConfirm={() => remove.mutate({ kind, id: item.id })}
        >
          <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
        </Popconfirm>
      </Space>
    );

  return (
    <PageCard title={t('labour.menu.skills')} testId="skills-grades-page">
      <Row gutter={24}>
        <Col xs={24} xl={15}>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
            <h3 style={{ margin: 0 }}>{t('labour.skill.title')}</h3>
            {canManage && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => open({ kind: 'skill' })}
                data-testid="skill-create"
              >
                {t('labour.skill.create')}
              </Button>
            )}
          </Space>
          {required.data && (
            <Alert
              style={{ marginBottom: 12 }}
              type={missing.length ? 'warning' : 'success'}
              showIcon
              data-testid="required-skills"
              title={missing.length ? t('labour.skill.required') : t('labour.skill.allRequiredKnown')}
              description={
                missing.length > 0 && (
                  <Space wrap>
                    {missing.map((m) => (
                      <Tag key={m.code}>
                        {m.code}
                        {canManage && (
                          <Button
                            size="small"
                            type="link"
                            onClick={() => open({ kind: 'skill', code: m.code })}
                          >
                            {t('labour.skill.addRequired')}
                          </Button>
                        )}
                      </Tag>
                    ))}
                  </Space>
                )
              }
            />
          )}
          <Table<TSkill>
            data-testid="skills-table"
            rowKey="id"
            size="small"
            loading={skills.isFetching}
            dataSource={skills.data}
            pagination={false}
            columns={[
              { title: t('labour.skill.code'), dataIndex: 'code' },
              { title: t('labour.skill.name'), dataIndex: 'name' },
              { title: t('labour.skill.workers'), dataIndex: 'workerCount', align: 'right', width: 90 },
              { title: t('labour.skill.operations'), dataIndex: 'operationCount', align: 'right', width: 80 },
              { title: t('common.actions'), width: 90, render: (_, s) => actions('skill', s) },
            ]}
          />
        </Col>
        <Col xs={24} xl={9}>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
            <h3 style={{ margin: 0 }}>{t('labour.grade.title')}</h3>
            {canManage && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => open({ kind: 'grade' })}
                data-testid="grade-create"
              >
                {t('labour.grade.create')}
              </Button>
            )}
          </Space>
          <Table<TGrade>
            data-testid="grades-table"
            rowKey="id"
            size="small"
            loading={grades.isFetching}
            dataSource={grades.data}
            pagination={false}
            columns={[
              { title: t('labour.grade.sortOrder'), dataIndex: 'sortOrder', width: 60 },
              { title: t('labour.grade.code'), dataIndex: 'code' },
              { title: t('labour.grade.name'), dataIndex: 'name' },
              { title: t('labour.grade.workers'), dataIndex: 'workerCount', align: 'right', width: 70 },
              { title: t('common.actions'), width: 90, render: (_, g) => actions('grade', g) },
            ]}
          />
        </Col>
      </Row>
      <Modal
        open={editing !== null}
        title={
          editing?.kind === 'grade'
            ? t(editing.item ? 'labour.grade.edit' : 'labour.grade.create')
            : t(editing?.item ? 'labour.skill.edit' : 'labour.skill.create')
        }
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'skill-grade-save' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item
            name="code"
            label={editing?.kind === 'grade' ? t('labour.grade.code') : t('labour.skill.code')}
            extra={editing?.kind === 'skill' ? t('labour.skill.codeHint') : undefined}
            rules={[{ required: true }]}
          >
            <Input data-testid="skill-grade-code" />
          </Form.Item>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}>
            <Input data-testid="skill-grade-name" />
          </Form.Item>
          {editing?.kind === 'grade' && (
            <Form.Item name="sortOrder" label={t('labour.grade.sortOrder')}>
              <InputNumber min={0} max={9999} />
            </Form.Item>
          )}
          <Form.Item name="description" label={t('common.description')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
