/**
 * The EnPI chart: the app's one ECharts entry point plus the mark areas that grey the baseline months.
 * Import it dynamically like that entry point, so the mark component stays in this page's chunk.
 */
import { MarkAreaComponent } from 'echarts/components';
import { echarts } from '../../../telemetry/lib/echarts.ts';

echarts.use([MarkAreaComponent]);

export { echarts };
