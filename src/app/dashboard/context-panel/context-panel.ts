import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { LevelKind } from '../../../domain/frame/level-frame';
import { SignalContext } from '../../../domain/signal/level-signal';
import { formatEasternTime } from '../format/signal-format';

const OUTCOME_TEXT = { BREAK: 'Broke', REJECT: 'Rejected', UNRESOLVED: 'Unresolved' } as const;

/** Time bucket and its label, the level's sequence in the day and today's earlier outcomes. */
@Component({
  selector: 'pv-context-panel',
  templateUrl: './context-panel.html',
  styleUrl: './context-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContextPanelComponent {
  readonly kind = input.required<LevelKind>();
  readonly context = input.required<SignalContext>();

  protected readonly history = computed(() =>
    [...(this.context().session_history ?? [])]
      .sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts))
      .map((h) => ({
        kind: h.level_kind,
        outcome: h.outcome,
        text: OUTCOME_TEXT[h.outcome],
        time: formatEasternTime(h.ts),
      })),
  );
}
