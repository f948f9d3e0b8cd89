/**
 * The report pages' charts: the app's one ECharts entry point, plus the bar and Sankey charts. Import it
 * dynamically like that entry point, so ECharts and the Sankey layout stay in the report pages' chunk.
 */
import { BarChart, SankeyChart } from 'echarts/charts';
import { echarts } from '../../../telemetry/lib/echarts.ts';

echarts.use([BarChart, SankeyChart]);

export { echarts };
