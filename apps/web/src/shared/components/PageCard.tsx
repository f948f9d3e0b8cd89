import type { ReactNode } from 'react';
import { Card } from 'antd';

/** The frame every list page sits in: title on the left, actions on the right, filters then content. */
export function PageCard(props: {
  title: ReactNode;
  extra?: ReactNode;
  filters?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card title={props.title} extra={props.extra} data-testid={props.testId}>
      {props.filters && <div style={{ marginBottom: 16 }}>{props.filters}</div>}
      {props.children}
    </Card>
  );
}
