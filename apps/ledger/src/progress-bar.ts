/** What a progress line shows: work done of a total, in some unit. */
export interface ProgressSnapshot {
  readonly done: number;
  /** Undefined when not known beforehand (an export streamed from the api): no bar, no eta. */
  readonly total?: number;
  readonly label: string;
}

const WIDTH = 30;
const number = new Intl.NumberFormat('en-US');

/** `[#########.....................]  31%  62,000/200,000 events  41,000/s  eta 3s  replaying` */
export function formatProgress(
  { done, total, label }: ProgressSnapshot,
  elapsedMs: number,
  unit = 'positions',
): string {
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  if (total === undefined)
    return [
      `${number.format(done)} ${unit}`,
      rate > 0 ? `${number.format(Math.round(rate))}/s` : '',
      label,
    ]
      .filter(Boolean)
      .join('  ');
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * WIDTH);
  const eta = rate > 0 && total > done ? `eta ${Math.ceil((total - done) / rate)}s` : '';
  return [
    `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`,
    `${String(Math.floor(ratio * 100)).padStart(3)}%`,
    `${number.format(done)}/${number.format(total)} ${unit}`,
    rate > 0 ? `${number.format(Math.round(rate))}/s` : '',
    eta,
    label,
  ]
    .filter(Boolean)
    .join('  ');
}

/**
 * A progress bar on a terminal: redrawn in place on a TTY, else (CI, pipes) one line every few
 * seconds so logs stay readable. Writes to stderr so stdout stays for results.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastLine = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly unit = 'positions',
  ) {}

  update(snapshot: ProgressSnapshot): void {
    const line = formatProgress(snapshot, Date.now() - this.started, this.unit);
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}\x1b[K`);
    } else if (Date.now() - this.lastLine >= 2000) {
      this.lastLine = Date.now();
      this.stream.write(`${line}\n`);
    }
  }

  done(snapshot: ProgressSnapshot): void {
    const line = formatProgress(snapshot, Date.now() - this.started, this.unit);
    this.stream.write(this.stream.isTTY ? `\r${line}\x1b[K\n` : `${line}\n`);
  }
}
