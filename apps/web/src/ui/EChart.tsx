/**
 * A small React wrapper around ECharts (echarts/core with only what the patent dashboards use, to keep the chunk small).
 * Options come from the pure builders in @zhichan/shared (charts/patent-charts.ts), the same ones the server renders for reports.
 * The chart follows its container's size (ResizeObserver; echarts #7657: charts do not resize by themselves) and is disposed
 * on unmount.
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, TreemapChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Canvas (not SVG): the toolbox's 保存为图片 then gives a PNG that pastes into Word documents.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  TreemapChart,
  TooltipComponent,
  LegendComponent,
  GridComponent,
  TitleComponent,
  DataZoomComponent,
  ToolboxComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

/** What a click on a bar, slice or treemap node reports (the subset of ECharts' event params the pages use). */
export interface EChartClick {
  componentType: string;
  seriesType?: string;
  seriesIndex?: number;
  seriesName?: string;
  name: string;
  dataIndex: number;
  value: unknown;
  data: unknown;
}

export interface EChartProps {
  option: Record<string, unknown>;
  height?: number | string;
  /** Drill-down. */
  onClick?: (e: EChartClick) => void;
  /** File name (without extension) for 保存为图片; no toolbox when absent. */
  imageName?: string;
  style?: CSSProperties;
  className?: string;
  'data-testid'?: string;
}

export function EChart({ option, height = 320, onClick, imageName, style, className, ...rest }: EChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const onClickRef = useRef(onClick);
  onClickRef.current = onClick;

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (p) => onClickRef.current?.(p as unknown as EChartClick));
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!chart.isDisposed()) chart.resize();
      });
    });
    ro.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const full: Record<string, unknown> = { ...option };
    if (imageName) {
      full.toolbox = {
        right: 4,
        top: 0,
        itemSize: 14,
        feature: { saveAsImage: { title: '保存为图片', name: imageName, pixelRatio: 2, backgroundColor: '#ffffff' } },
      };
    }
    chart.setOption(full, { notMerge: true });
  }, [option, imageName]);

  return (
    <div
      ref={boxRef}
      className={className}
      style={{ width: '100%', height, ...style }}
      data-testid={rest['data-testid']}
    />
  );
}

export default EChart;
