/**
 * The big screens' and dashboard widgets' charts: the app's one ECharts entry point plus the chart types
 * they draw (bar, pie, gauge, Sankey). Import it dynamically like that entry point, so these chart types
 * stay in the chunks of the pages that draw them.
 */
import { BarChart, GaugeChart, PieChart, SankeyChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { echarts } from '../../telemetry/lib/echarts.ts';

echarts.use([BarChart, PieChart, GaugeChart, SankeyChart, MarkLineComponent]);

export { echarts };
