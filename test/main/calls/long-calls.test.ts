/**
 * One long call: Evo's answers grow past every bound this app sets (log lines, members, strings).
 * What is past a bound is cut, never refused: the agent's hold is reported as done, the caller
 * stays on the board, and the history detail says that only the newest log lines are kept.
 * Real core, real simulator over HTTP.
 */
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/main/simulator/server';
import { signedInWorlds } from '../../support/signed-in';

const signedIn = signedInWorlds();

/** What about 1,050 holds and resumes leave in Evo's log (the simulator's own wording). */
function longLog(simulator: Simulator, sessionId: string, holds: number) {
  const log = simulator.state.sessions.get(sessionId)!.info.log;
  for (let i = 0; i < holds; i += 1) {
    const at = new Date(Date.UTC(2026, 0, 1, 9) + i * 20_000).toISOString();
    log.push({ date: at, message: 'Call placed on hold by Demo Agent' }, { date: at, message: 'Call resumed by Demo Agent' });
  }
}

describe('a long call', () => {
  it('past 2,000 log lines: the next hold is done, the caller stays on the board, the detail keeps the newest lines and says so', async () => {
    const { simulator, t } = await signedIn({ seed: { history: 0 } });
    const jane = t.core.board.calls()[0]!.id;
    longLog(simulator, jane, 1_050);
    expect(simulator.state.sessions.get(jane)!.info.log.length).toBeGreaterThan(2_000);

    const held = await t.call('sessions.hold', { sessionId: jane });
    expect(held.ok).toBe(true);
    expect(t.core.board.get(jane)?.phase).toBe('held');
    await t.core.sync.syncNow();
    expect(t.core.board.get(jane)?.phase).toBe('held');

    const detail = await t.value('sessions.get', { sessionId: jane });
    expect(detail.log).toHaveLength(2_000);
    expect(detail.logOmitted).toBe(simulator.state.sessions.get(jane)!.info.log.length - 2_000);
    // The newest part is kept: the hold just made is the last line.
    expect(detail.log.at(-1)!.message).toMatch(/^Call placed on hold/);
  });

  it("150 members and a 100,000-character name: the call is kept, with the agent's leg and the name cut", async () => {
    const { simulator, t } = await signedIn({ seed: { history: 0 } });
    const jane = t.core.board.calls()[0]!.id;
    const info = simulator.state.sessions.get(jane)!.info;
    const agentLeg = info.members.find((member) => member.role === 'Agent')?.callSid;
    for (let i = 0; i < 150; i += 1) {
      info.members.push({
        ...info.members[0]!,
        role: 'Transfer',
        displayName: `Listener ${i}`,
        callSid: `CA-listener-${i}`,
        isOriginalMember: false,
      });
    }
    info.fromName = 'N'.repeat(100_000);
    info.dateLastModified = new Date().toISOString();
    await t.core.sync.syncNow();
    const call = t.core.board.get(jane)!;
    expect(call.phase).toBe('live');
    expect(call.displayName.length).toBe(1_000);
    expect(call.members).toHaveLength(100);
    expect(agentLeg).toBeTruthy();
    expect(call.members.map((member) => member.callSid)).toContain(agentLeg);
    expect(call.members.at(-1)!.displayName).toBe('Listener 149');
  });

  it('a hold Evo applied but answered with more than the client reads is reported done, not failed', async () => {
    const { simulator, t } = await signedIn({ seed: { history: 0 } });
    const jane = t.core.board.calls()[0]!.id;
    simulator.faults.set('hold', { hugeBodyBytes: 5 * 1024 * 1024, applyFirst: true, times: 5 });
    const held = await t.call('sessions.hold', { sessionId: jane });
    expect(held).toMatchObject({ ok: true });
    expect(t.core.board.get(jane)?.phase).toBe('held');
    expect(t.core.board.get(jane)?.failure).toBeNull();
  });
});
