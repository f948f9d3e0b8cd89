import { useEffect } from 'react';
import {
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TSaveWorker, TWorker } from '@greenmes/contracts';
import { RemoteSelect, type RemoteOption } from '../../../shared/components/RemoteSelect.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { usersApi } from '../../platform/api/platform-api.ts';
import { workersApi } from '../api/labour-api.ts';
import {
  gradeOptions,
  skillOptions,
  useGrades,
  useSkills,
  useTeamOptions,
} from '../hooks/use-labour-queries.ts';

interface Values {
  employeeNo?: string;
  name?: string;
  teamId?: string | null;
  gradeId?: string | null;
  userId?: string | null;
  badgeCode?: string;
  pin?: string;
  isActive?: boolean;
  hireDate?: Dayjs | null;
  leaveDate?: Dayjs | null;
  phone?: string;
  description?: string;
  skills?: Array<{ skillId?: string; level?: number; validUntil?: Dayjs | null }>;
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const searchUsers = async (q: string, signal: AbortSignal): Promise<RemoteOption[]> =>
  (await usersApi.list({ q: q || undefined, pageSize: 50 }, signal)).items.map((u) => ({
    value: u.id,
    label: `${u.username} ${u.displayName}`,
  }));

/** A worker: identity, team, grade, badge, a PIN on creation, dates and skills with level and expiry. */
export function WorkerDrawer(props: {
  open: boolean;
  worker?: TWorker;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const teams = useTeamOptions();
  const grades = useGrades();
  const skills = useSkills();
  const w = props.worker;

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (w)
      form.setFieldsValue({
        ...w,
        badgeCode: w.badgeCode ?? '',
        phone: w.phone ?? '',
        description: w.description ?? '',
        hireDate: w.hireDate ? dayjs(w.hireDate) : null,
        leaveDate: w.leaveDate ? dayjs(w.leaveDate) : null,
        skills: w.skills.map((s) => ({ ...s, validUntil: s.validUntil ? dayjs(s.validUntil) : null })),
      });
    else form.setFieldsValue({ isActive: true, skills: [] });
  }, [props.open, w, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: TSaveWorker = {
        employeeNo: v.employeeNo ?? '',
        name: v.name ?? '',
        teamId: v.teamId ?? null,
        gradeId: v.gradeId ?? null,
        userId: v.userId ?? null,
        badgeCode: v.badgeCode?.trim() || null,
        ...(v.pin ? { pin: v.pin } : {}),
        isActive: v.isActive ?? true,
        hireDate: day(v.hireDate),
        leaveDate: day(v.leaveDate),
        phone: v.phone || null,
        description: v.description || null,
        skills: (v.skills ?? []).map((s) => ({
          skillId: s.skillId ?? '',
          level: s.level ?? 3,
          validUntil: day(s.validUntil),
        })),
      };
      return w ? workersApi.update(w.id, body) : workersApi.create(body);
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      // the PIN leaves the page with the save, not when the closing drawer is finally destroyed
      form.setFieldValue('pin', undefined);
      props.onSaved();
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      width={720}
      title={w ? `${t('labour.worker.edit')} · ${w.employeeNo} ${w.name}` : t('labour.worker.create')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="worker-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="worker-form">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="employeeNo" label={t('labour.worker.employeeNo')} rules={[{ required: true }]}>
              <Input data-testid="worker-employee-no" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="name" label={t('labour.worker.name')} rules={[{ required: true }]}>
              <Input data-testid="worker-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isActive" label={t('labour.worker.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="teamId" label={t('labour.worker.team')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={teams}
                data-testid="worker-team"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="gradeId" label={t('labour.worker.grade')}>
              <Select allowClear options={gradeOptions(grades.data)} data-testid="worker-grade" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="badgeCode" label={t('labour.worker.badge')} extra={t('labour.worker.badgeHint')}>
              <Input data-testid="worker-badge" />
            </Form.Item>
          </Col>
          {!w && (
            <Col span={12}>
              <Form.Item
                name="pin"
                label={t('labour.worker.pin')}
                extra={t('labour.worker.pinHint')}
                rules={[{ pattern: /^\d{4,8}$/, message: t('labour.worker.pinHint') }]}
              >
                <Input.Password autoComplete="new-password" inputMode="numeric" data-testid="worker-pin" />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="userId" label={t('labour.worker.account')}>
              <RemoteSelect
                queryKey={['platform', 'user-options']}
                search={searchUsers}
                selectedOption={w?.userId ? { value: w.userId, label: w.username ?? '' } : null}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="hireDate" label={t('labour.worker.hireDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="leaveDate" label={t('labour.worker.leaveDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('labour.worker.phone')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="description" label={t('labour.worker.description')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('labour.worker.skills')}</Divider>
        <Form.List name="skills">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col span={11}>
                    <Form.Item name={[f.name, 'skillId']} rules={[{ required: true }]}>
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        placeholder={t('labour.worker.skill')}
                        options={skillOptions(skills.data)}
                        data-testid={`worker-skill-${f.name}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'level']} initialValue={3}>
                      <InputNumber
                        min={1}
                        max={5}
                        prefix={t('labour.worker.level')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[f.name, 'validUntil']}>
                      <DatePicker placeholder={t('labour.worker.validUntil')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() => remove(f.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ level: 3 })}
                data-testid="worker-add-skill"
              >
                {t('labour.worker.addSkill')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
