import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { LevelKind } from '../../../domain/frame/level-frame';
import { DashboardStore } from '../dashboard-store';
import { createDemoStore } from '../fixtures/demo-store';
import { LevelHeaderComponent } from '../level-header/level-header';
import { PredictionBarsComponent } from '../prediction-bars/prediction-bars';
import { DriverListComponent } from '../driver-list/driver-list';
import { CombosComponent } from '../combos/combos';
import { ContextPanelComponent } from '../context-panel/context-panel';
import { SectionContributionsComponent } from '../section-contributions/section-contributions';
import { WatchlistComponent } from '../watchlist/watchlist';
import { StatusStripComponent } from '../status-strip/status-strip';
import { DashboardKey, dashboardKey } from './dashboard-keys';
import { ReplayControlsComponent, SourceChoice } from '../replay-controls/replay-controls';
import { SignalPipeline } from '../../pipeline/signal-pipeline';
import { REPLAY_SPEED_CHOICES, parsePipelineQuery } from '../../pipeline/pipeline-options';
import { withActiveDecision } from '../../pipeline/active-decision';
import { SettingsStore } from '../../settings/settings-store';
import { LevelView } from '../level-view';
import { PBreakTimelineComponent } from '../../charts/pbreak-timeline/pbreak-timeline';
import { prefetchEcharts } from '../../charts/chart/chart';
import { timelineOutcomes } from '../../charts/pbreak-timeline/timeline-from-signals';
import type { TimelinePoint } from '../../charts/pbreak-timeline/pbreak-timeline-option';
import { isTimeBucket } from '../../../domain/time/time-bucket';

/** Fixture sets that `?fixture=` may name. */
const FIXTURES = { demo: createDemoStore } as const;
type FixtureName = keyof typeof FIXTURES;

function isFixtureName(value: string | undefined): value is FixtureName {
  return value !== undefined && Object.hasOwn(FIXTURES, value);
}

/**
 * The trader's screen for the focused level. Reads the application's DashboardStore, or, with
 * `?fixture=demo`, a separate store of hand-written FIXTURE DATA (never both).
 */
@Component({
  selector: 'pv-dashboard-page',
  imports: [
    RouterLink,
    LevelHeaderComponent,
    PredictionBarsComponent,
    DriverListComponent,
    CombosComponent,
    ContextPanelComponent,
    SectionContributionsComponent,
    WatchlistComponent,
    StatusStripComponent,
    ReplayControlsComponent,
    PBreakTimelineComponent,
  ],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
})
export class DashboardPage {
  /** The `fixture` query parameter (component input binding). */
  readonly fixture = input<string | undefined>(undefined);

  private readonly liveStore = inject(DashboardStore);
  private readonly router = inject(Router);
  private readonly settings = inject(SettingsStore);
  protected readonly pipeline = inject(SignalPipeline);
  protected readonly speeds = computed(() => {
    const s = this.pipeline.speed();
    return REPLAY_SPEED_CHOICES.includes(s)
      ? REPLAY_SPEED_CHOICES
      : [...REPLAY_SPEED_CHOICES, s].sort((a, b) => a - b);
  });

  protected readonly fixtureName = computed(() => {
    const name = this.fixture();
    return isFixtureName(name) ? name : null;
  });
  protected readonly unknownFixture = computed(() => {
    const name = this.fixture();
    return name !== undefined && !isFixtureName(name) ? name : null;
  });
  protected readonly store = computed(() => {
    const name = this.fixtureName();
    // Filling a new store writes its signals: done outside this computed's tracking.
    return name === null ? this.liveStore : untracked(() => FIXTURES[name]());
  });

  /**
   * The focused level; with real data its decision and threshold follow the settings in force
   * (recomputed from p_break), so a threshold change shows at once.
   */
  protected readonly focused = computed<LevelView | null>(() => {
    const level = this.store().focused();
    if (level === null || level.signal === null || this.fixtureName() !== null) return level;
    const signal = withActiveDecision(level.signal, (b) => this.settings.activeThreshold(b));
    return signal === level.signal ? level : { ...level, signal };
  });
  protected readonly levels = computed(() => this.store().levels());
  protected readonly signal = computed(() => this.focused()?.signal ?? null);
  /** Drivers, combos and sections are shown only with a live prediction. */
  protected readonly liveSignal = computed(() => {
    const f = this.focused();
    return f !== null && f.state === 'live' ? f.signal : null;
  });

  private readonly now = signal(Date.now());
  private readonly focusedKind = computed(() => this.store().focused()?.kind ?? null);
  /**
   * When the timeline may be redrawn: every second, every five seconds while the replay plays
   * faster than 60× (at 600× a tick arrives every 50 ms and each redraw of the chart costs the
   * main thread tens of milliseconds; five seconds are 50 minutes of feed time there).
   */
  private readonly redrawSlot = computed(() => {
    const fast = this.pipeline.speed() > 60 && this.store().playback() === 'playing';
    return Math.floor(this.now() / (fast ? 5000 : 1000));
  });
  /** The focused level's predictions, redrawn when the focus changes and at each redraw slot. */
  private readonly timelineSnapshot = computed(() => {
    this.redrawSlot();
    this.focusedKind();
    return untracked(() => this.store().focused()?.timeline ?? []);
  });
  /** The focused level's model predictions today, each with the threshold in force for its bucket. */
  protected readonly timelinePoints = computed<readonly TimelinePoint[]>(() => {
    const fixture = this.fixtureName() !== null;
    return this.timelineSnapshot().map((p) => ({
      ts: p.ts,
      p_break: p.p_break,
      threshold:
        fixture || !isTimeBucket(p.bucket) ? null : this.settings.activeThreshold(p.bucket),
    }));
  });
  protected readonly timelineThreshold = computed(() => this.signal()?.threshold ?? null);
  /** Today's outcomes of the focused level; equal contents keep the chart from redrawing. */
  protected readonly timelineOutcomes = computed(
    () => {
      const level = this.focused();
      return level === null
        ? []
        : timelineOutcomes(level.kind, level.signal?.context.session_history);
    },
    {
      equal: (a, b) =>
        a.length === b.length && a.every((x, i) => x.ts === b[i].ts && x.outcome === b[i].outcome),
    },
  );

  protected readonly frameAgeMs = computed(() => {
    const last = this.store().lastArrivalWallMs();
    return last === null ? null : Math.max(0, this.now() - last);
  });

  constructor() {
    const query = inject(ActivatedRoute).snapshot.queryParamMap;
    if (query.get('fixture') === null) this.pipeline.start(parsePipelineQuery((n) => query.get(n)));
    prefetchEcharts();
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected onSource(kind: SourceChoice): void {
    this.pipeline.switchSource(kind);
  }

  protected focusLevel(kind: LevelKind): void {
    this.store().focus(kind);
  }

  protected onKeydown(event: KeyboardEvent): void {
    const key = dashboardKey(event);
    if (key === null) return;
    event.preventDefault();
    this.run(key);
  }

  private run(key: DashboardKey): void {
    const store = this.store();
    switch (key) {
      case 'next':
        store.focusNext();
        return;
      case 'prev':
        store.focusPrev();
        return;
      case 'toggle-playback':
        store.togglePlayback();
        return;
      case 'settings':
        void this.router.navigate(['/settings']);
        return;
    }
  }
}
