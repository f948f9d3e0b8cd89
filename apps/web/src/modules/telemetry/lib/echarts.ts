/**
 * The only ECharts entry point of the app. Import it dynamically (`await import('./echarts.ts')`):
 * it registers just the line and bar charts and the components the trend panel and the energy
 * consumption chart use, so ECharts stays out of the main bundle and out of every page that draws
 * no chart.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
// dashboards: the heatmap widget
import { HeatmapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  ToolboxComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  ToolboxComponent,
  CanvasRenderer,
  HeatmapChart,
  VisualMapComponent,
]);

export { echarts };
export type { EChartsType } from 'echarts/core';
