import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import EChartsReactCore from 'echarts-for-react/esm/core';
import type { EChartsReactProps } from 'echarts-for-react/esm/types';

// Only what the pages draw — bar, line and pie charts with axes, tooltips and legends, on canvas or SVG (print) —
// instead of the whole of ECharts: about half its size (200 kB gzipped instead of 373), and only the pages that
// draw a chart (this file's importers) download it.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

/** An ECharts chart (echarts-for-react's props, without `echarts`). A chart type not registered above is not drawn (ECharts logs an error): add it to `echarts.use`. */
export function Chart(props: Omit<EChartsReactProps, 'echarts'>) {
  return <EChartsReactCore echarts={echarts} {...props} />;
}
