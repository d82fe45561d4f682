/**
 * The machine stays awake during calls: the board's calls drive StayAwake, which drives
 * Electron's powerSaveBlocker through the real adapter on the mocked electron module.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallPhase } from '../../../electron/shared/call-rules';
import { RELEASE_AFTER_MS, StayAwake } from '../../../electron/main/desktop/stay-awake';
import { FakeClock } from '../../support/clock';

const electron = await vi.hoisted(async () => (await import('../../support/electron')).createElectronFake());
vi.mock('electron', () => electron);
const { electronWakeLock } = await import('../../../electron/main/platform/desktop-adapters');

const board = (...phases: CallPhase[]) => phases.map((phase) => ({ phase }));
const blockers = () => [...electron.powerSaveBlocker.blockers.values()];

describe('the machine stays awake while a call is live or held (powerSaveBlocker)', () => {
  let clock: FakeClock;
  let awake: StayAwake;
  beforeEach(() => {
    electron.powerSaveBlocker.blockers.clear();
    electron.powerSaveBlocker.start.mockClear();
    clock = new FakeClock();
    awake = new StayAwake(electronWakeLock, clock);
  });

  it('no blocker for an idle board or a call that only rings', () => {
    awake.follow(board());
    awake.follow(board('ringingIn'));
    expect(blockers()).toEqual([]);
  });

  it('starts one blocker (system suspension only) on the first live call', () => {
    awake.follow(board('live'));
    expect(blockers()).toEqual(['prevent-app-suspension']);
  });

  it('one blocker for several calls, live and held', () => {
    awake.follow(board('live'));
    awake.follow(board('held', 'dialing'));
    awake.follow(board('held', 'live', 'heldForTransfer'));
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledTimes(1);
    expect(blockers()).toHaveLength(1);
  });

  it('a held call alone keeps the machine awake', () => {
    awake.follow(board('live'));
    awake.follow(board('held'));
    clock.advance(60 * 60_000);
    expect(blockers()).toHaveLength(1);
  });

  it('stops after the last call ends (a moment later)', () => {
    awake.follow(board('live', 'held'));
    awake.follow(board('held'));
    awake.follow(board('ending'));
    awake.follow(board());
    expect(blockers()).toHaveLength(1);
    clock.advance(RELEASE_AFTER_MS);
    expect(blockers()).toEqual([]);
    expect(electron.powerSaveBlocker.stop).toHaveBeenCalled();
  });

  it('survives quick swaps: hang up and take the next call keeps the same blocker', () => {
    awake.follow(board('live'));
    for (let swap = 0; swap < 5; swap += 1) {
      awake.follow(board());
      clock.advance(RELEASE_AFTER_MS / 2);
      awake.follow(board('ringingIn'));
      awake.follow(board('live'));
    }
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledTimes(1);
    expect(blockers()).toHaveLength(1);
    clock.advance(RELEASE_AFTER_MS * 2);
    expect(blockers()).toHaveLength(1);
  });

  it('quitting releases the blocker at once; a blocker stopped elsewhere is not stopped twice', () => {
    awake.follow(board('live'));
    awake.stop();
    expect(blockers()).toEqual([]);
    awake.follow(board('live'));
    electron.powerSaveBlocker.blockers.clear();
    electron.powerSaveBlocker.stop.mockClear();
    awake.stop();
    expect(electron.powerSaveBlocker.stop).not.toHaveBeenCalled();
  });
});
