import { describe, expect, it } from 'vitest';
import { UpdateCoordinator, UPDATE_INTERVAL_MS } from '../../../electron/main/desktop/update-coordinator';
import type { UpdaterPort } from '../../../electron/main/ports';
import { AppError } from '../../../electron/shared/result';
import { FakeClock } from '../../support/clock';
import { MemoryLogger } from '../../support/logger';

function setup(calls = { active: 0, held: 0 }) {
  const clock = new FakeClock();
  let downloaded: (version: string) => void = () => undefined;
  const updater = { checks: 0, installs: 0 } as UpdaterPort & { checks: number; installs: number };
  updater.checkForUpdates = async () => void (updater.checks += 1);
  updater.quitAndInstall = () => void (updater.installs += 1);
  updater.onDownloaded = (listener) => void (downloaded = listener);
  const announced: string[] = [];
  const state = { calls };
  const coordinator = new UpdateCoordinator({
    updater,
    clock,
    logger: new MemoryLogger(),
    calls: () => state.calls,
    announce: (version) => announced.push(version),
  });
  return { clock, updater, coordinator, announced, state, download: (v: string) => downloaded(v) };
}

describe('updates', () => {
  it('checks at start and every four hours', async () => {
    const { clock, updater, coordinator } = setup();
    coordinator.start();
    await Promise.resolve();
    expect(updater.checks).toBe(1);
    clock.advance(UPDATE_INTERVAL_MS);
    await Promise.resolve();
    clock.advance(UPDATE_INTERVAL_MS);
    expect(updater.checks).toBe(3);
  });

  it('offers the downloaded update and never installs it by itself', () => {
    const { clock, updater, download, announced } = setup();
    download('1.2.0');
    clock.advance(48 * 3600_000);
    expect(announced).toEqual(['1.2.0']);
    expect(updater.installs).toBe(0);
  });

  it('refuses to restart during a call or with calls on hold', () => {
    const { coordinator, download, updater, state } = setup({ active: 1, held: 0 });
    download('1.2.0');
    expect(() => coordinator.restartToUpdate()).toThrow(AppError);
    state.calls = { active: 0, held: 2 };
    expect(() => coordinator.restartToUpdate()).toThrow(/Finish your calls on hold first/);
    expect(updater.installs).toBe(0);
    state.calls = { active: 0, held: 0 };
    expect(coordinator.restartToUpdate()).toEqual({ restarting: true });
    expect(updater.installs).toBe(1);
  });

  it('says so when asked to restart before anything was downloaded', () => {
    const { coordinator } = setup();
    expect(() => coordinator.restartToUpdate()).toThrow(/No update is ready/);
  });
});
