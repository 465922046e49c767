import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  axisLabel,
  scaleChartSvg,
  scalePanelsOf,
  scalePointsOf,
  writeScaleChart,
} from './scale-chart';

const line = (fields: Record<string, unknown>): string => JSON.stringify(fields);
const RESULTS = [
  line({
    bench: 'query-project-list',
    ours: 900,
    baseline: 6000,
    unit: 'requests/s',
    size: 100000,
    sizeUnit: 'projects',
  }),
  line({
    bench: 'query-project-list',
    ours: 1000,
    baseline: 6200,
    unit: 'requests/s',
    size: 10000,
    sizeUnit: 'projects',
  }),
  line({ bench: 'append-batched', ours: 20000, baseline: 30000, unit: 'events/s' }),
  line({
    bench: 'rebuild-embedded',
    ours: 30000,
    baseline: 90000,
    unit: 'events/s',
    size: 200000,
    sizeUnit: 'events',
  }),
  '{"bench":"torn',
  // A later run at the same size replaces the earlier one.
  line({
    bench: 'query-project-list',
    ours: 1100,
    baseline: 6100,
    unit: 'requests/s',
    size: 10000,
    sizeUnit: 'projects',
  }),
  '',
].join('\n');

/** The `points` attribute of a series polyline in the panel of `bench`. */
function polyline(svg: string, bench: string, series: string): string[] {
  const panel = svg
    .split('<g class="panel"')
    .find((part) => part.includes(`data-bench="${bench}"`));
  const match = panel?.match(
    new RegExp(`<polyline class="series" data-series="${series}"[^>]* points="([^"]*)"`),
  );
  return match?.[1]?.split(' ') ?? [];
}

describe('the scale chart', () => {
  it('keeps the lines that record a size, the latest per bench and size, sizes ascending', () => {
    const panels = scalePanelsOf(scalePointsOf(RESULTS));
    expect(panels.map((panel) => panel.bench)).toEqual(['query-project-list', 'rebuild-embedded']);
    expect(panels[0]).toEqual({
      bench: 'query-project-list',
      sizeUnit: 'projects',
      unit: 'requests/s',
      series: [
        {
          name: 'ours',
          points: [
            [10000, 1100],
            [100000, 900],
          ],
        },
        {
          name: 'baseline',
          points: [
            [10000, 6100],
            [100000, 6000],
          ],
        },
      ],
    });
  });

  it('draws a panel per bench with an ours and a baseline series of one point per size', () => {
    const svg = scaleChartSvg(scalePanelsOf(scalePointsOf(RESULTS)));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g class="panel"/g)).toHaveLength(2);
    expect(polyline(svg, 'query-project-list', 'ours')).toHaveLength(2);
    expect(polyline(svg, 'query-project-list', 'baseline')).toHaveLength(2);
    expect(polyline(svg, 'rebuild-embedded', 'ours')).toHaveLength(1);
    expect(svg).not.toContain('append-batched');
    expect(svg).toContain('projects (log scale)');
    expect(svg).toContain('<title>ours: 1.1k requests/s at 10k projects</title>');
  });

  it('puts the larger size to the right and the larger value higher up', () => {
    const svg = scaleChartSvg(scalePanelsOf(scalePointsOf(RESULTS)));
    const [small, large] = polyline(svg, 'query-project-list', 'ours').map((point) =>
      point.split(',').map(Number),
    );
    const [, baselineSmall] = polyline(svg, 'query-project-list', 'baseline').map((point) =>
      point.split(',').map(Number),
    );
    expect(large![0]).toBeGreaterThan(small![0]!);
    // SVG's y grows downwards: the baseline's 6,100 sits above ours' 1,100.
    expect(baselineSmall![1]).toBeLessThan(small![1]!);
  });

  it('says so when no line records a size, and writes the file it is asked for', () => {
    expect(scaleChartSvg([])).toContain('No result line records a size yet');
    const dir = mkdtempSync(join(tmpdir(), 'scale-chart-'));
    try {
      writeFileSync(join(dir, 'latest.jsonl'), RESULTS);
      expect(writeScaleChart(join(dir, 'latest.jsonl'), join(dir, 'out', 'chart.svg'))).toBe(2);
      expect(readFileSync(join(dir, 'out', 'chart.svg'), 'utf8')).toContain('rebuild-embedded');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('labels axes as people read them', () => {
    expect([
      axisLabel(0),
      axisLabel(0.25),
      axisLabel(2500),
      axisLabel(100000),
      axisLabel(1.5e6),
    ]).toEqual(['0', '0.25', '2.5k', '100k', '1.5M']);
  });
});
