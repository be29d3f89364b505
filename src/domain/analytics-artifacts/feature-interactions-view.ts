/**
 * feature_interactions.json (tools/analysis, docs/analyses.md) → the view model of the analytics
 * page: every tested pair with its permutation p, BH q, AUC improvement, the 2×2 high/low grid
 * (break rate and n per cell) and the combo edge.
 */
import { isInsufficientBlock, readInsufficient, type Insufficient } from './common-blocks';
import { FieldReader, join, type ArtifactResult, type JsonRecord } from './field-reader';

export interface GridCell {
  readonly n: number;
  readonly breaks: number;
  /** null for an empty cell. */
  readonly breakRate: number | null;
}

export interface InteractionGrid {
  readonly status: 'ok';
  readonly n: number;
  readonly baseRate: number;
  readonly lowLow: GridCell;
  readonly lowHigh: GridCell;
  readonly highLow: GridCell;
  readonly highHigh: GridCell;
}

export interface InteractionPair {
  readonly key: string;
  readonly source: 'hypothesized' | 'discovered';
  readonly description: string;
  readonly feat1: string;
  readonly feat2: string;
  readonly n: number | null;
  readonly pValue: number | null;
  readonly qValue: number | null;
  readonly improvement: number | null;
  readonly significant: boolean;
  readonly grid: InteractionGrid | Insufficient;
  readonly comboEdge: number | null;
  /** Why there is no combo edge (e.g. too few rows in the high/high cell), else null. */
  readonly comboEdgeMissing: Insufficient | null;
}

export interface FeatureInteractionsView {
  readonly pairs: readonly InteractionPair[];
  readonly pairsTested: number;
  readonly correction: string;
}

export function readFeatureInteractions(input: unknown): ArtifactResult<FeatureInteractionsView> {
  const r = new FieldReader('feature_interactions.json');
  const root = r.record(input, '');
  const hypothesized = r.child(root, 'hypothesized_interactions', '');
  const discovered =
    root?.['discovered_interactions'] === undefined
      ? {}
      : r.child(root, 'discovered_interactions', '');
  const summary = r.child(root, 'summary', '');
  const pairs = [
    ...readPairs(r, hypothesized, 'hypothesized_interactions', 'hypothesized'),
    ...readPairs(r, discovered, 'discovered_interactions', 'discovered'),
  ];
  return r.result({
    pairs,
    pairsTested: r.count(summary, 'pairs_tested', 'summary'),
    correction: r.string(summary, 'correction', 'summary'),
  });
}

function readPairs(
  r: FieldReader,
  table: JsonRecord | null,
  path: string,
  source: InteractionPair['source'],
): InteractionPair[] {
  if (table === null) return [];
  return Object.keys(table).map((key): InteractionPair => {
    const p = join(path, key);
    const b = r.child(table, key, path);
    const edgeStatus = b?.['combo_edge_status'];
    const gridBlock = r.child(b, 'grid', p);
    return {
      key,
      source,
      description: r.string(b, 'description', p),
      feat1: r.string(b, 'feat1', p),
      feat2: r.string(b, 'feat2', p),
      n: r.nullableNumber(b, 'n', p),
      pValue: r.nullableUnit(b, 'p_value', p),
      qValue: b !== null && 'q_value' in b ? r.nullableUnit(b, 'q_value', p) : null,
      improvement: b !== null && 'improvement' in b ? r.nullableNumber(b, 'improvement', p) : null,
      significant: r.boolean(b, 'significant', p),
      grid: isInsufficientBlock(gridBlock)
        ? readInsufficient(r, gridBlock)
        : readGrid(r, gridBlock, join(p, 'grid')),
      comboEdge: r.nullableNumber(b, 'combo_edge', p),
      comboEdgeMissing:
        edgeStatus === undefined ? null : readInsufficient(r, r.child(b, 'combo_edge_status', p)),
    };
  });
}

function readGrid(r: FieldReader, g: JsonRecord | null, path: string): InteractionGrid {
  const cell = (key: string): GridCell => {
    const c = r.child(g, key, path);
    const p = join(path, key);
    return {
      n: r.count(c, 'n', p),
      breaks: r.count(c, 'breaks', p),
      breakRate: r.nullableUnit(c, 'break_rate', p),
    };
  };
  return {
    status: 'ok',
    n: r.count(g, 'n', path),
    baseRate: r.unit(g, 'base_rate', path),
    lowLow: cell('low_low'),
    lowHigh: cell('low_high'),
    highLow: cell('high_low'),
    highHigh: cell('high_high'),
  };
}
