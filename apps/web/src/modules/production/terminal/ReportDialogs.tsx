import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TReasonCode } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { reportErrorMessage } from './report-error.ts';
import { SerialScanInput } from './SerialScanInput.tsx';
import styles from './terminal.module.css';

/** The dialogs' submit: resolves when the report is in, rejects with the server's error. */
export type Submit<T> = (values: T) => Promise<unknown>;

/** A decimal quantity for fingers: − / + buttons around a number input that keeps the decimal string. */
export function QuantityInput(props: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  testId: string;
}) {
  const step = (delta: number) => {
    const next = Math.max(0, Number(props.value || 0) + delta);
    // rounded to the 6 decimals the server keeps, so no float artefact (0.30000000000000004) is sent
    props.onChange?.(String(Math.round(next * 1e6) / 1e6));
  };
  return (
    <div className={styles.stepper}>
      <Button
        className={styles.stepButton}
        icon={<MinusOutlined />}
        onClick={() => step(-1)}
        aria-label="-1"
      />
      <InputNumber<string>
        stringMode
        min="0"
        size="large"
        inputMode="decimal"
        controls={false}
        value={props.value ?? null}
        onChange={(v) => props.onChange?.(v === null || v === '' ? null : String(v))}
        data-testid={props.testId}
      />
      <Button className={styles.stepButton} icon={<PlusOutlined />} onClick={() => step(1)} aria-label="+1" />
    </div>
  );
}

export interface PauseValues {
  code?: string;
  text?: string;
}

/** Pause: a reason from the enterprise's pause codes, or typed. The report carries the code, or the text. */
export function PauseDialog(props: {
  open: boolean;
  codes: TReasonCode[];
  onClose: () => void;
  onSubmit: Submit<string>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PauseValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (props.open) {
      form.resetFields();
      setError(null);
    }
  }, [props.open, form]);
  const submit = async (v: PauseValues) => {
    const reason = v.text?.trim() || v.code;
    if (!reason) {
      form.setFields([{ name: 'text', errors: [t('terminal.pause.required')] }]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(reason);
    } catch (e) {
      if (!applyFormErrors(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={t('terminal.pause.title')}
      onCancel={props.onClose}
      width={720}
      destroyOnHidden
      footer={null}
    >
      <Form form={form} layout="vertical" size="large" onFinish={(v) => void submit(v)}>
        <Form.Item name="code" label={t('terminal.pause.pick')}>
          <Radio.Group
            className={styles.reasons}
            optionType="button"
            buttonStyle="solid"
            onChange={() => form.setFieldValue('text', '')}
            data-testid="terminal-pause-codes"
            options={props.codes.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
          />
        </Form.Item>
        <Form.Item name="text" label={t('terminal.pause.other')}>
          <Input
            maxLength={200}
            onChange={() => form.setFieldValue('code', undefined)}
            data-testid="terminal-pause-text"
          />
        </Form.Item>
        <DialogSubmit error={error} busy={busy} testId="terminal-pause-submit">
          {t('terminal.action.pause')}
        </DialogSubmit>
      </Form>
    </Modal>
  );
}

export interface QuantityValues {
  goodQty?: string | null;
  scrapQty?: string | null;
  scrapReasonCode?: string;
  reworkQty?: string | null;
  /** scanned, one per good piece (the last operation of a serial-tracked product) */
  serials?: string[];
}

/**
 * Quantities (good, scrap with its reason, rework) for a quantity report, or the last ones on finish
 * (all optional then). The server's refusals land on the field they name (over-reporting on goodQty).
 * When the good pieces take serial numbers, they are scanned here, counted against the good quantity.
 */
export function QuantityDialog(props: {
  open: boolean;
  isFinish: boolean;
  isSerialTracked?: boolean;
  scrapCodes: TReasonCode[];
  onClose: () => void;
  onSubmit: Submit<QuantityValues>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<QuantityValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const scrap = Form.useWatch('scrapQty', form);
  const good = Form.useWatch('goodQty', form);
  useEffect(() => {
    if (props.open) {
      form.resetFields();
      setError(null);
    }
  }, [props.open, form]);
  const submit = async (v: QuantityValues) => {
    const any = [v.goodQty, v.scrapQty, v.reworkQty].some((q) => q && Number(q) > 0);
    if (!props.isFinish && !any) {
      form.setFields([{ name: 'goodQty', errors: [t('terminal.qty.empty')] }]);
      return;
    }
    const scanned = v.serials?.length ?? 0;
    if (props.isSerialTracked && scanned > 0 && scanned !== Number(v.goodQty || 0)) {
      form.setFields([
        {
          name: 'serials',
          errors: [t('terminal.serials.mismatch', { count: scanned, good: v.goodQty || 0 })],
        },
      ]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(v);
    } catch (e) {
      if (!applyFormErrors(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const hasScrap = Number(scrap || 0) > 0;
  return (
    <Modal
      open={props.open}
      title={props.isFinish ? t('terminal.qty.finishTitle') : t('terminal.qty.title')}
      onCancel={props.onClose}
      width={760}
      destroyOnHidden
      footer={null}
    >
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={(v) => void submit(v)}
        data-testid="terminal-qty-form"
      >
        <Form.Item name="goodQty" label={t('terminal.qty.good')}>
          <QuantityInput testId="terminal-good" />
        </Form.Item>
        {props.isSerialTracked && (
          <Form.Item name="serials" label={t('terminal.serials.label')}>
            <SerialScanInput goodQty={good} />
          </Form.Item>
        )}
        <Form.Item name="scrapQty" label={t('terminal.qty.scrap')}>
          <QuantityInput testId="terminal-scrap" />
        </Form.Item>
        {hasScrap && (
          <Form.Item
            name="scrapReasonCode"
            label={t('terminal.qty.scrapReason')}
            rules={[{ required: true, message: t('terminal.qty.scrapReasonRequired') }]}
          >
            <Radio.Group
              className={styles.reasons}
              optionType="button"
              buttonStyle="solid"
              data-testid="terminal-scrap-codes"
              options={props.scrapCodes.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="reworkQty" label={t('terminal.qty.rework')}>
          <QuantityInput testId="terminal-rework" />
        </Form.Item>
        <DialogSubmit error={error} busy={busy} testId="terminal-qty-submit">
          {props.isFinish ? t('terminal.action.finish') : t('terminal.qty.submit')}
        </DialogSubmit>
      </Form>
    </Modal>
  );
}

/** A dialog's end: the server's refusal, if any, above the big submit button. */
function DialogSubmit(props: { error: unknown; busy: boolean; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {props.error !== null && (
        <Alert
          type="error"
          showIcon
          title={reportErrorMessage(props.error, t)}
          style={{ marginBottom: 16 }}
          data-testid="terminal-dialog-error"
        />
      )}
      <Button
        type="primary"
        htmlType="submit"
        block
        loading={props.busy}
        style={{ height: 56, fontSize: 20 }}
        data-testid={props.testId}
      >
        {props.children}
      </Button>
    </>
  );
}
