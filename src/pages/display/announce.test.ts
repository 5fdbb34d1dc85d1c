import { afterEach, describe, expect, it, vi } from 'vitest';
import { announce, callAnnouncement } from './announce.ts';

class FakeUtterance {
  voice: unknown = null;
  lang = '';
  rate = 1;
  onerror: ((event: { error: string }) => void) | null = null;
  constructor(readonly text: string) {}
}

function stubSpeech(voices: { lang: string; name: string }[]) {
  const spoken: FakeUtterance[] = [];
  vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
  vi.stubGlobal('speechSynthesis', { getVoices: () => voices, speak: (u: FakeUtterance) => spoken.push(u), cancel: () => undefined });
  return spoken;
}

afterEach(() => vi.unstubAllGlobals());

describe('announce', () => {
  it('words a call as the hall says it', () => {
    expect(callAnnouncement('A023', 3)).toBe('请A023号到3号窗口');
  });

  it('speaks with a Mandarin voice, slowly', () => {
    const spoken = stubSpeech([{ lang: 'en-US', name: 'English' }, { lang: 'zh-CN', name: 'Mandarin' }]);
    announce('请A023号到3号窗口');
    expect(spoken).toHaveLength(1);
    expect(spoken[0]).toMatchObject({ text: '请A023号到3号窗口', lang: 'zh-CN', rate: 0.9 });
  });

  it('stays silent without a Mandarin voice', () => {
    const spoken = stubSpeech([{ lang: 'zh-HK', name: 'Cantonese' }, { lang: 'en-GB', name: 'English' }]);
    announce('请A023号到3号窗口');
    expect(spoken).toEqual([]);
  });

  it('stays silent, without throwing, where the browser has no speech', () => {
    expect(() => announce('请A023号到3号窗口')).not.toThrow();
  });

  it('reports a refusal for want of a user gesture', () => {
    const spoken = stubSpeech([{ lang: 'zh_CN', name: 'Mandarin' }]);
    const onBlocked = vi.fn();
    announce('请A023号到3号窗口', { onBlocked });
    spoken[0]!.onerror?.({ error: 'not-allowed' });
    expect(onBlocked).toHaveBeenCalledOnce();
  });
});
