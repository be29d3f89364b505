import { DEFAULT_START_OPTIONS, parsePipelineQuery } from './pipeline-options';

function query(params: Record<string, string>): (name: string) => string | null {
  return (name) => params[name] ?? null;
}

describe('parsePipelineQuery', () => {
  it('defaults to the replay, playing, at the saved or default speed', () => {
    expect(parsePipelineQuery(query({}))).toEqual(DEFAULT_START_OPTIONS);
  });

  it('reads speed (clamped), seek, autoplay, source and feed', () => {
    expect(
      parsePipelineQuery(
        query({ speed: '6000', seek: '120.7', autoplay: '0', source: 'live', feed: 'ws://h:1/' }),
      ),
    ).toEqual({ source: 'live', speed: 600, seek: 120, autoplay: false, feedUrl: 'ws://h:1/' });
    expect(parsePipelineQuery(query({ speed: '0.2', seek: '-5' })).speed).toBe(1);
    expect(parsePipelineQuery(query({ seek: '-5' })).seek).toBe(-1);
  });

  it('ignores malformed values', () => {
    const o = parsePipelineQuery(query({ speed: 'fast', seek: '', source: 'tv', autoplay: 'yes' }));
    expect(o).toEqual(DEFAULT_START_OPTIONS);
  });
});
