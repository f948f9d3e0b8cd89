import type { ReactNode } from 'react';
import { Button, Form, Table, type FormListFieldData } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export interface FormListColumn {
  title: ReactNode;
  width?: number;
  render: (field: FormListFieldData) => ReactNode;
}

/** Form.Item inside a table cell: no bottom gap, so a server error under one cell stays in its row. */
export const CELL = { style: { marginBottom: 0 } };

/** A Form.List shown as an editable table; rows may be removed down to `minRows`. */
export function FormListTable(props: {
  name: string;
  columns: FormListColumn[];
  newRow: () => object;
  testId: string;
  minRows?: number;
}) {
  const { t } = useTranslation();
  const minRows = props.minRows ?? 0;
  return (
    <Form.List name={props.name}>
      {(fields, { add, remove }) => (
        <>
          {fields.length > 0 && (
            <Table<FormListFieldData>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={fields}
              data-testid={props.testId}
              scroll={{ x: 'max-content' }}
              columns={[
                ...props.columns.map((c) => ({
                  title: c.title,
                  width: c.width,
                  render: (_: unknown, field: FormListFieldData) => c.render(field),
                })),
                {
                  width: 48,
                  render: (_: unknown, field: FormListFieldData) => (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('energy.removeRow')}
                      disabled={fields.length <= minRows}
                      onClick={() => remove(field.name)}
                      data-testid={`${props.testId}-remove-${field.name}`}
                    />
                  ),
                },
              ]}
            />
          )}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() => add(props.newRow())}
            data-testid={`${props.testId}-add`}
          >
            {t('energy.addRow')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
