import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../electron/shared/channels';
import { eventChannels, invokeChannels } from '../../../electron/shared/contract';

describe('channel name lists', () => {
  it('match the contract maps exactly (the preload is built from them)', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual([...invokeChannels].sort());
    expect([...EVENT_CHANNELS].sort()).toEqual([...eventChannels].sort());
  });
});
