/**
 * ECharts for the cost charts: only the pie and bar charts, loaded with `await import()` so the
 * library stays out of the main bundle.
 */
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([PieChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { echarts };
export type { EChartsType, EChartsCoreOption } from 'echarts/core';
