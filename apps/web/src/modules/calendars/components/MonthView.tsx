import { useState } from 'react';
import { App, Badge, Calendar, Form, Input, Modal, Radio, Select, Tag } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { TCalendarDay, TShiftCalendar } from '@greenmes/contracts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { calendarsApi, toInput } from '../api/calendars-api.ts';
import { dayStatus } from '../lib/calendar-days.ts';

type Choice = 'normal' | 'holiday' | 'workday';
interface DayForm {
  choice: Choice;
  name?: string;
  shiftCodes?: string[];
}

/**
 * The month of a calendar: each day working (its shifts) or not (holiday, weekend), 调休 days marked.
 * A manager clicks a day to make it a holiday, a working day or an ordinary day again.
 */
export function MonthView(props: {
  calendar: TShiftCalendar;
  canManage: boolean;
  onSaved: (c: TShiftCalendar) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { calendar } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const [form] = Form.useForm<DayForm>();
  const choice = Form.useWatch('choice', form);
  const [month, setMonth] = useState<Dayjs>(() => {
    const today = dayjs();
    const from = dayjs(calendar.validFrom);
    return today.isBefore(from) ? from : today;
  });

  const save = useMutation({
    mutationFn: ({ date, v }: { date: string; v: DayForm }) => {
      const others = calendar.days.filter((d) => d.date !== date);
      const day: TCalendarDay | null =
        v.choice === 'normal'
          ? null
          : {
              date,
              kind: v.choice,
              name: v.name || null,
              shiftCodes: v.choice === 'workday' && v.shiftCodes?.length ? v.shiftCodes : null,
            };
      const days = [...others, ...(day ? [day] : [])].sort((a, b) => a.date.localeCompare(b.date));
      return calendarsApi.update(calendar.id, { ...toInput(calendar), days });
    },
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      setEditing(null);
      props.onSaved(saved);
    },
    onError: (e) => notifyError(e),
  });

  const open = (date: string) => {
    const rule = calendar.days.find((d) => d.date === date);
    form.setFieldsValue({
      choice: rule?.kind ?? 'normal',
      name: rule?.name ?? undefined,
      shiftCodes: rule?.shiftCodes ?? undefined,
    });
    setEditing(date);
  };

  const cell = (d: Dayjs) => {
    const s = dayStatus(calendar, d.format('YYYY-MM-DD'));
    if (s.kind === 'outside') return null;
    if (s.kind === 'holiday')
      return <Badge status="error" text={s.name ?? t('shiftCalendar.holiday')} data-testid="day-holiday" />;
    return (
      <div>
        {s.kind === 'workday' && <Badge status="warning" text={s.name ?? t('shiftCalendar.workday')} />}
        {s.shiftCodes.length === 0 ? (
          <Badge status="default" text={t('shiftCalendar.rest')} />
        ) : (
          <div>
            {s.shiftCodes.map((c) => (
              <Tag key={c} color="green" style={{ marginInlineEnd: 2 }}>
                {c}
              </Tag>
            ))}
          </div>
        )}
      </div>
    );
  };

  return (
    <>
      {/* the Calendar does not pass data-* attributes to its root */}
      <div data-testid="calendar-month">
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d, info) => {
            setMonth(d);
            if (props.canManage && info.source === 'date') open(d.format('YYYY-MM-DD'));
          }}
          cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)}
        />
      </div>
      <Modal
        open={editing !== null}
        title={editing}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okButtonProps={{ 'data-testid': 'day-save' }}
      >
        <Form form={form} layout="vertical" onFinish={(v) => editing && save.mutate({ date: editing, v })}>
          <Form.Item name="choice">
            <Radio.Group>
              <Radio value="normal">{t('shiftCalendar.normalDay')}</Radio>
              <Radio value="holiday" data-testid="day-holiday-choice">
                {t('shiftCalendar.holiday')}
              </Radio>
              <Radio value="workday">{t('shiftCalendar.workday')}</Radio>
            </Radio.Group>
          </Form.Item>
          {choice !== 'normal' && (
            <Form.Item name="name" label={t('shiftCalendar.dayName')}>
              <Input placeholder={choice === 'holiday' ? '劳动节' : '调休上班'} />
            </Form.Item>
          )}
          {choice === 'workday' && (
            <Form.Item
              name="shiftCodes"
              label={t('shiftCalendar.dayShifts')}
              tooltip={t('shiftCalendar.dayShiftsHelp')}
            >
              <Select
                mode="multiple"
                options={calendar.shifts.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
