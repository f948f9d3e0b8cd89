import type { CSSProperties, ReactNode } from 'react';
import styles from './big-screen.module.css';

/** A titled box of a big screen; `style` places it in the screen's grid. */
export function ScreenPanel(props: {
  title: string;
  children: ReactNode;
  style?: CSSProperties;
  testId?: string;
}) {
  return (
    <section className={styles.panel} style={props.style} data-testid={props.testId}>
      <div className={styles.panelTitle}>{props.title}</div>
      <div className={styles.panelBody}>{props.children}</div>
    </section>
  );
}
