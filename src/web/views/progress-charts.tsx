/**
 * Charts drawn on the server as inline SVG (no script): a line of a running total and bars of
 * counts. Each is an `img` with a title and a one-sentence description, and its figures follow
 * in a table for screen readers and for anyone who wants the numbers.
 */

const WIDTH = 600;
const HEIGHT = 200;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

export interface ChartPoint {
  /** The x label (a day or a week's Monday, `YYYY-MM-DD`). */
  label: string;
  value: number;
}

interface ChartProps {
  id: string;
  title: string;
  /** What the chart shows, in a sentence (read out with it). */
  description: string;
  points: ChartPoint[];
  /** The figures' column heading in the table. */
  valueHeading: string;
  labelHeading: string;
}

/** A round top for the y axis: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const round = (n: number) => Math.round(n * 10) / 10;
const shortDay = (day: string) => day.slice(5).replace('-', '/');

function Axes({ top, first, last }: { top: number; first: string; last: string }) {
  return (
    <g class="chart-axes">
      <line x1={PAD.left} y1={PAD.top + PLOT_H} x2={WIDTH - PAD.right} y2={PAD.top + PLOT_H} />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + PLOT_H} />
      <line class="chart-grid" x1={PAD.left} y1={PAD.top} x2={WIDTH - PAD.right} y2={PAD.top} />
      <text x={PAD.left - 6} y={PAD.top + 4} text-anchor="end">
        {top}
      </text>
      <text x={PAD.left - 6} y={PAD.top + PLOT_H} text-anchor="end">
        0
      </text>
      <text x={PAD.left} y={HEIGHT - 8}>
        {shortDay(first)}
      </text>
      <text x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end">
        {shortDay(last)}
      </text>
    </g>
  );
}

function Figures({ points, labelHeading, valueHeading, title }: ChartProps) {
  return (
    <details class="chart-figures">
      <summary>数字 Figures</summary>
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col">{valueHeading}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr>
              <td>{p.label}</td>
              <td>{p.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Frame(props: ChartProps & { children: unknown }) {
  const { id, title, description } = props;
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <svg
        class="chart-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {props.children}
      </svg>
      <Figures {...props} />
    </figure>
  );
}

/** A running total as a line (steps between the points' days, spaced by date). */
export function LineChart(props: ChartProps) {
  const { points } = props;
  const top = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const t0 = Date.parse(points[0]?.label ?? '');
  const t1 = Date.parse(points.at(-1)?.label ?? '');
  const span = t1 - t0 || 1;
  const x = (label: string) =>
    round(PAD.left + (points.length < 2 ? PLOT_W : ((Date.parse(label) - t0) / span) * PLOT_W));
  const y = (value: number) => round(PAD.top + PLOT_H - (value / top) * PLOT_H);
  let path = '';
  points.forEach((p, i) => {
    path += i === 0 ? `M${x(p.label)},${y(p.value)}` : `H${x(p.label)}V${y(p.value)}`;
  });
  return (
    <Frame {...props}>
      <Axes top={top} first={points[0]?.label ?? ''} last={points.at(-1)?.label ?? ''} />
      <path class="chart-line" d={path} fill="none" />
      {points.map((p) => (
        <circle class="chart-dot" cx={x(p.label)} cy={y(p.value)} r="2.5" />
      ))}
    </Frame>
  );
}

/** Counts as bars, one per point, evenly spaced. */
export function BarChart(props: ChartProps) {
  const { points } = props;
  const top = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const slot = PLOT_W / Math.max(1, points.length);
  const bar = Math.max(1, slot * 0.7);
  return (
    <Frame {...props}>
      <Axes top={top} first={points[0]?.label ?? ''} last={points.at(-1)?.label ?? ''} />
      {points.map((p, i) => {
        const height = round((p.value / top) * PLOT_H);
        return (
          <rect
            class="chart-bar"
            x={round(PAD.left + i * slot + (slot - bar) / 2)}
            y={round(PAD.top + PLOT_H - height)}
            width={round(bar)}
            height={height}
          >
            <title>{`${p.label}: ${p.value}`}</title>
          </rect>
        );
      })}
    </Frame>
  );
}
