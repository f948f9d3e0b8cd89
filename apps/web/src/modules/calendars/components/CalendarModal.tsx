import { useEffect } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, Modal, Row, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TShiftCalendar, TShiftCalendarInput } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { calendarsApi, toInput } from '../api/calendars-api.ts';

const MON_SAT = [1, 2, 3, 4, 5, 6];
const NEW_CALENDAR: Partial<TShiftCalendarInput> = {
  validFrom: `${new Date().getFullYear()}-01-01`,
  shifts: [
    {
      code: 'A',
      name: '早班',
      start: '08:00',
      end: '16:00',
      breaks: [{ start: '12:00', end: '12:30' }],
      weekdays: MON_SAT,
    },
    {
      code: 'B',
      name: '中班',
      start: '16:00',
      end: '24:00',
      breaks: [{ start: '20:00', end: '20:30' }],
      weekdays: MON_SAT,
    },
    {
      code: 'C',
      name: '夜班',
      start: '00:00',
      end: '08:00',
      breaks: [{ start: '04:00', end: '04:30' }],
      weekdays: MON_SAT,
    },
  ],
  days: [],
};
const CLOCK = { pattern: /^(([01]\d|2[0-3]):[0-5][05]|24:00)$/ };

/** Create or edit a calendar's shifts; holidays stay as they are (edited on the month view or by Excel). */
export function CalendarModal(props: {
  open: boolean;
  calendar?: TShiftCalendar;
  sites: Array<{ value: string; label: string }>;
  onClose: () => void;
  onSaved: (c: TShiftCalendar) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<TShiftCalendarInput>();
  const { open, calendar } = props;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(calendar ? toInput(calendar) : NEW_CALENDAR);
  }, [open, calendar, form]);

  const save = useMutation({
    mutationFn: (v: TShiftCalendarInput) => {
      const body: TShiftCalendarInput = {
        ...v,
        validTo: v.validTo || null,
        description: v.description || null,
        shifts: (v.shifts ?? []).map((s) => ({ ...s, breaks: s.breaks ?? [] })),
        days: calendar?.days ?? [],
      };
      return calendar ? calendarsApi.update(calendar.id, body) : calendarsApi.create(body);
    },
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      props.onSaved(saved);
      props.onClose();
    },
    onError: (e) => {
      applyFormErrors(form, e);
      notifyError(e);
    },
  });
  const weekdayOptions = [1, 2, 3, 4, 5, 6, 7].map((d) => ({
    value: d,
    label: t(`shiftCalendar.weekday.${d}`),
  }));
  const clockRule = { ...CLOCK, message: t('shiftCalendar.clockFormat') };

  return (
    <Modal
      open={open}
      width={980}
      title={calendar ? t('shiftCalendar.edit', { name: calendar.name }) : t('shiftCalendar.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'calendar-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="siteId" label={t('shiftCalendar.site')} rules={[{ required: true }]}>
              <Select options={props.sites} data-testid="calendar-site" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="code" label={t('shiftCalendar.code')} rules={[{ required: true }]}>
              <Input data-testid="calendar-code" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="name" label={t('shiftCalendar.name')} rules={[{ required: true }]}>
              <Input data-testid="calendar-name" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="validFrom" label={t('shiftCalendar.validFrom')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="validTo" label={t('shiftCalendar.validTo')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="description" label={t('shiftCalendar.description')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="shifts">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  title={t('shiftCalendar.shiftN', { n: f.name + 1 })}
                  extra={
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                    />
                  }
                >
                  <Row gutter={8}>
                    <Col span={4}>
                      <Form.Item
                        name={[f.name, 'code']}
                        label={t('shiftCalendar.shiftCode')}
                        rules={[{ required: true }]}
                      >
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item
                        name={[f.name, 'name']}
                        label={t('shiftCalendar.shiftName')}
                        rules={[{ required: true }]}
                      >
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item
                        name={[f.name, 'start']}
                        label={t('shiftCalendar.start')}
                        rules={[{ required: true }, clockRule]}
                      >
                        <Input placeholder="08:00" />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item
                        name={[f.name, 'end']}
                        label={t('shiftCalendar.end')}
                        tooltip={t('shiftCalendar.endHelp')}
                        rules={[{ required: true }, clockRule]}
                      >
                        <Input placeholder="16:00" />
                      </Form.Item>
                    </Col>
                    <Col span={9}>
                      <Form.Item
                        name={[f.name, 'weekdays']}
                        label={t('shiftCalendar.weekdays')}
                        rules={[{ required: true }]}
                      >
                        <Checkbox.Group options={weekdayOptions} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.List name={[f.name, 'breaks']}>
                    {(breaks, b) => (
                      <Space wrap align="start">
                        <span>{t('shiftCalendar.breaks')}:</span>
                        {breaks.map((x) => (
                          <Space.Compact key={x.key}>
                            <Form.Item
                              name={[x.name, 'start']}
                              rules={[{ required: true }, clockRule]}
                              noStyle
                            >
                              <Input style={{ width: 80 }} placeholder="12:00" />
                            </Form.Item>
                            <Form.Item name={[x.name, 'end']} rules={[{ required: true }, clockRule]} noStyle>
                              <Input style={{ width: 80 }} placeholder="12:30" />
                            </Form.Item>
                            <Button icon={<DeleteOutlined />} onClick={() => b.remove(x.name)} />
                          </Space.Compact>
                        ))}
                        <Button
                          size="small"
                          icon={<PlusOutlined />}
                          onClick={() => b.add({ start: '', end: '' })}
                        >
                          {t('shiftCalendar.addBreak')}
                        </Button>
                      </Space>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ code: '', name: '', start: '', end: '', breaks: [], weekdays: MON_SAT })}
              >
                {t('shiftCalendar.addShift')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
