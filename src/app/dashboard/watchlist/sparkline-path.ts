/** SVG polyline points of probabilities (0–1) across a width × height box; empty below 2 points. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length < 2) return '';
  const step = width / (values.length - 1);
  return values
    .map((v, i) => {
      const y = (1 - Math.min(1, Math.max(0, v))) * height;
      return `${(i * step).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}
