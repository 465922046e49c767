import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The "Scale" chart of docs/BENCHMARKS.md (`npm run bench -- --chart`): for every bench whose
 * result lines record a `size`, its rate (or latency) against that size, ours beside the baseline
 * measured in the same run. Cost that grows linearly with the work shows as a flat rate; a rate
 * that falls as the size grows is the warning sign. Plain SVG text, no dependency: the chart is
 * a few polylines, and a generated file diffs readably in review.
 */

/** A result line of bench/results/latest.jsonl that says the size of the work it measured. */
export interface ScalePoint {
  readonly bench: string;
  readonly size: number;
  readonly sizeUnit: string;
  readonly unit: string;
  readonly ours: number;
  readonly baseline: number;
}

export interface ScaleSeries {
  readonly name: 'ours' | 'baseline';
  /** [size, value], by size ascending. */
  readonly points: readonly (readonly [number, number])[];
}

/** One panel: a bench measured at one or more sizes. */
export interface ScalePanel {
  readonly bench: string;
  readonly sizeUnit: string;
  readonly unit: string;
  readonly series: readonly [ScaleSeries, ScaleSeries];
}

const isPositive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * The lines of a results file that can be charted: valid JSON with a bench name, a positive
 * `size`, a `sizeUnit`, a unit and finite `ours` and `baseline`. Others (older benches without a
 * size, a torn last line) are left out rather than failing the chart.
 */
export function scalePointsOf(jsonl: string): ScalePoint[] {
  const points: ScalePoint[] = [];
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null) continue;
    const { bench, size, sizeUnit, unit, ours, baseline } = parsed as Record<string, unknown>;
    if (typeof bench !== 'string' || typeof sizeUnit !== 'string' || typeof unit !== 'string')
      continue;
    if (!isPositive(size) || !isFiniteNumber(ours) || !isFiniteNumber(baseline)) continue;
    points.push({ bench, size, sizeUnit, unit, ours, baseline });
  }
  return points;
}

/**
 * One panel per bench (in the order benches first appear), one point per size: the last line
 * for a size wins, as the latest run of it. A bench whose unit or size unit changed between runs
 * keeps the latest one's and drops the points it cannot compare with.
 */
export function scalePanelsOf(points: readonly ScalePoint[]): ScalePanel[] {
  const latest = new Map<string, ScalePoint>();
  for (const point of points) latest.set(point.bench, point);
  const bySize = new Map<string, Map<number, ScalePoint>>();
  for (const point of points) {
    const last = latest.get(point.bench);
    if (last === undefined || last.unit !== point.unit || last.sizeUnit !== point.sizeUnit)
      continue;
    let sizes = bySize.get(point.bench);
    if (sizes === undefined) bySize.set(point.bench, (sizes = new Map<number, ScalePoint>()));
    sizes.set(point.size, point);
  }
  return [...bySize].map(([bench, sizes]) => {
    const measured = [...sizes.values()].sort((a, b) => a.size - b.size);
    const first = measured[0] as ScalePoint;
    return {
      bench,
      sizeUnit: first.sizeUnit,
      unit: first.unit,
      series: [
        { name: 'ours', points: measured.map((p) => [p.size, p.ours] as const) },
        { name: 'baseline', points: measured.map((p) => [p.size, p.baseline] as const) },
      ],
    };
  });
}

const PANEL_WIDTH = 360;
const PANEL_HEIGHT = 240;
const COLUMNS = 2;
const MARGIN = { left: 64, right: 16, top: 36, bottom: 44 };
const COLOURS = { ours: '#1f6feb', baseline: '#8b949e' } as const;

/** Numbers as people read them on an axis: 10k, 1.5M, 0.25. */
export function axisLabel(value: number): string {
  const scaled = (divisor: number, suffix: string) =>
    `${Number((value / divisor).toPrecision(3))}${suffix}`;
  if (Math.abs(value) >= 1e6) return scaled(1e6, 'M');
  if (Math.abs(value) >= 1e3) return scaled(1e3, 'k');
  return `${Number(value.toPrecision(3))}`;
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Rounded to two decimals: the SVG stays small and stable between identical inputs. */
const px = (value: number): string => `${Math.round(value * 100) / 100}`;

/** Four round ticks from 0 to at least `max`. */
function valueTicks(max: number): number[] {
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  return [0, 1, 2, 3, 4].map((n) => n * step);
}

function panelSvg(panel: ScalePanel, index: number): string {
  const x0 = (index % COLUMNS) * PANEL_WIDTH;
  const y0 = Math.floor(index / COLUMNS) * PANEL_HEIGHT;
  const plotWidth = PANEL_WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const sizes = panel.series[0].points.map(([size]) => size);
  const values = panel.series.flatMap((series) => series.points.map(([, value]) => value));
  const ticks = valueTicks(Math.max(...values, Number.MIN_VALUE));
  const top = ticks[ticks.length - 1] ?? 1;
  // Sizes on a log scale: a tenfold size is one step whatever the bench, and a flat line
  // still means cost proportional to the work.
  const [minLog, maxLog] = [Math.log10(Math.min(...sizes)), Math.log10(Math.max(...sizes))];
  const span = maxLog - minLog;
  const xOf = (size: number) =>
    MARGIN.left + (span === 0 ? plotWidth / 2 : ((Math.log10(size) - minLog) / span) * plotWidth);
  const yOf = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;

  const parts: string[] = [
    `<g class="panel" data-bench="${escapeXml(panel.bench)}" transform="translate(${x0},${y0})">`,
    `<text class="title" x="${MARGIN.left}" y="20">${escapeXml(panel.bench)}</text>`,
  ];
  for (const tick of ticks) {
    const y = px(yOf(tick));
    parts.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y}" y2="${y}"/>`,
      `<text class="tick" x="${MARGIN.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${axisLabel(tick)}</text>`,
    );
  }
  for (const size of sizes) {
    parts.push(
      `<text class="tick" x="${px(xOf(size))}" y="${MARGIN.top + plotHeight + 16}" text-anchor="middle">${axisLabel(size)}</text>`,
    );
  }
  parts.push(
    `<text class="axis" x="${MARGIN.left + plotWidth / 2}" y="${PANEL_HEIGHT - 8}" text-anchor="middle">${escapeXml(panel.sizeUnit)} (log scale)</text>`,
    // A unit's parenthesis (how to read it) stays in the points' tooltips: the axis is short.
    `<text class="axis" transform="translate(14,${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(panel.unit.split(' (')[0] ?? panel.unit)}</text>`,
  );
  for (const series of panel.series) {
    const points = series.points.map(([size, value]) => `${px(xOf(size))},${px(yOf(value))}`);
    parts.push(
      `<polyline class="series" data-series="${series.name}" fill="none" stroke="${COLOURS[series.name]}" stroke-width="2" points="${points.join(' ')}"/>`,
    );
    for (const [size, value] of series.points) {
      parts.push(
        `<circle data-series="${series.name}" cx="${px(xOf(size))}" cy="${px(yOf(value))}" r="3.5" fill="${COLOURS[series.name]}"><title>${series.name}: ${axisLabel(value)} ${escapeXml(panel.unit)} at ${axisLabel(size)} ${escapeXml(panel.sizeUnit)}</title></circle>`,
      );
    }
  }
  parts.push('</g>');
  return parts.join('\n');
}

/** The whole chart: a legend, then the panels two to a row. */
export function scaleChartSvg(panels: readonly ScalePanel[]): string {
  const rows = Math.max(1, Math.ceil(panels.length / COLUMNS));
  const width = PANEL_WIDTH * COLUMNS;
  const height = PANEL_HEIGHT * rows + 28;
  const body =
    panels.length === 0
      ? `<text x="16" y="60">No result line records a size yet: run a bench that reports one.</text>`
      : panels.map(panelSvg).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    '<title>Benchmarks: rate against the size of the work, ours and the same-run baseline</title>',
    '<style>.grid{stroke:#d0d7de;stroke-width:1}.title{font-size:13px;font-weight:bold}.tick{fill:#57606a}</style>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g class="legend" transform="translate(${width - 190},14)">`,
    `<rect width="12" height="12" fill="${COLOURS.ours}"/><text x="18" y="10">ours</text>`,
    `<rect x="70" width="12" height="12" fill="${COLOURS.baseline}"/><text x="88" y="10">baseline</text>`,
    '</g>',
    `<g transform="translate(0,28)">`,
    body,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

/** Reads a results file and writes its chart; answers how many benches it drew. */
export function writeScaleChart(resultsFile: string, svgFile: string): number {
  const panels = scalePanelsOf(scalePointsOf(readFileSync(resultsFile, 'utf8')));
  mkdirSync(dirname(svgFile), { recursive: true });
  writeFileSync(svgFile, scaleChartSvg(panels));
  return panels.length;
}
