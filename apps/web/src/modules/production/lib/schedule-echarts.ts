/**
 * ECharts for the scheduling Gantt: the custom series (shifts and operation bars), a time axis with zoom,
 * tooltips and the ghost of a dragged bar; loaded with `await import()` so the library stays out of the
 * main bundle.
 */
import * as echarts from 'echarts/core';
import { CustomChart } from 'echarts/charts';
import { DataZoomComponent, GraphicComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  CustomChart,
  GridComponent,
  TooltipComponent,
  DataZoomComponent,
  GraphicComponent,
  CanvasRenderer,
]);

export { echarts };
export type { EChartsType } from 'echarts/core';
