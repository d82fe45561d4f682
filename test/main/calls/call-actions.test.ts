import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import type { Simulator } from '../../../electron/main/simulator/server';
import type { TestCore } from '../../support/core';
import { sentSince } from '../../support/simulator';
import { DEMO as demo, signedInWorlds } from '../../support/signed-in';
import { named } from '../../support/bidi';

const signedIn = signedInWorlds();
let simulator: Simulator;
let t: TestCore;

/** Signed in with Jane Doe live. */
async function withCalls() {
  ({ simulator, t } = await signedIn({ seed: { history: 0 } }));
  const jane = t.core.board.calls()[0]!.id;
  return { jane };
}

const sent = (from: number, names: Record<string, string>) => sentSince(simulator, from, names);

const phaseOf = (id: string) => t.core.board.get(id)?.phase;

describe('one live call at a time (main carries out the board rules against Evo)', () => {
  it('Resume on a held call while another is live swaps them: the hold goes out before the resume', async () => {
    const { jane } = await withCalls();
    const sam = simulator.ring(demo.email, { number: '+15550100555', name: 'Sam Caller' });
    await t.core.sync.syncNow();
    await t.value('sessions.answer', { sessionId: sam });
    expect([phaseOf(jane), phaseOf(sam)]).toEqual(['held', 'live']);
    const from = simulator.requests.length;
    await t.value('sessions.resume', { sessionId: jane });
    expect(sent(from, { [jane]: 'jane', [sam]: 'sam' })).toEqual(['hold:sam', 'patch:jane']);
    expect([phaseOf(jane), phaseOf(sam)]).toEqual(['live', 'held']);
    expect(t.core.board.snapshot().currentId).toBe(jane);
    expect(simulator.peakConnected(demo.email)).toBe(1);
  });

  it('Hold & answer holds the live call first; End & answer hangs it up first', async () => {
    const { jane } = await withCalls();
    const sam = simulator.ring(demo.email, { number: '+15550100555', name: 'Sam Caller' });
    await t.core.sync.syncNow();
    let from = simulator.requests.length;
    await t.value('sessions.answer', { sessionId: sam, mode: 'hold' });
    expect(sent(from, { [jane]: 'jane', [sam]: 'sam' })).toEqual(['hold:jane', 'patch:sam']);

    const pat = simulator.ring(demo.email, { number: '+15550100666', name: 'Pat Caller' });
    await t.core.sync.syncNow();
    from = simulator.requests.length;
    await t.value('sessions.answer', { sessionId: pat, mode: 'end' });
    expect(sent(from, { [sam]: 'sam', [pat]: 'pat' })).toEqual(['end:sam', 'patch:pat']);
    expect(simulator.state.sessions.get(sam)!.info.ended).toBe(true);
    expect([phaseOf(jane), phaseOf(sam), phaseOf(pat)]).toEqual(['held', undefined, 'live']);
    expect(simulator.peakConnected(demo.email)).toBe(1);
  });

  it('dialling while live holds the live call first', async () => {
    const { jane } = await withCalls();
    const from = simulator.requests.length;
    const placed = await t.value('sessions.create', { to: '+15550100123' });
    expect(sent(from, { [jane]: 'jane' })).toEqual(['hold:jane', 'create:null']);
    expect([phaseOf(jane), phaseOf(placed.id)]).toEqual(['held', 'live']);
    expect(simulator.peakConnected(demo.email)).toBe(1);
  });

  it('a hold refused mid-swap stops the swap: the resume is not sent, and the agent reads why', async () => {
    const { jane } = await withCalls();
    const sam = simulator.ring(demo.email, { number: '+15550100555', name: 'Sam Caller' });
    await t.core.sync.syncNow();
    await t.value('sessions.answer', { sessionId: sam });
    simulator.faults.set('hold', { status: 403, message: 'Hold is disabled on this line' });
    const from = simulator.requests.length;
    const result = await t.call('sessions.resume', { sessionId: jane });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'EVO_FORBIDDEN',
        message: `Couldn't put ${named('Sam Caller')} on hold: Evo answered '${named('Hold is disabled on this line')}'. ${named('Sam Caller')} can still hear you. ${named('Jane Doe')} was not resumed.`,
      },
    });
    expect(sent(from, { [jane]: 'jane', [sam]: 'sam' })).toEqual(['hold:sam']);
    await t.core.sync.syncNow();
    expect([phaseOf(jane), phaseOf(sam)]).toEqual(['held', 'live']);
    // The failure is on the call the agent pressed, and Retry means that press again: the swap.
    expect(t.core.board.get(jane)!.failure).toMatchObject({ action: 'resume', code: 'EVO_FORBIDDEN' });
    simulator.faults.clear();
    const again = simulator.requests.length;
    await t.value('sessions.resume', { sessionId: jane });
    expect(sent(again, { [jane]: 'jane', [sam]: 'sam' })).toEqual(['hold:sam', 'patch:jane']);
    expect([phaseOf(jane), phaseOf(sam)]).toEqual(['live', 'held']);
  });

  it('hanging up is never refused because a hold is still being sent', async () => {
    const { jane } = await withCalls();
    simulator.faults.set('hold', { latencyMs: 300, times: 1 });
    const hold = t.call('sessions.hold', { sessionId: jane });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await t.call('sessions.end', { sessionId: jane })).toEqual({ ok: true, value: { ended: true } });
    await hold;
    expect(simulator.state.sessions.get(jane)!.info.ended).toBe(true);
  });

  it('a hold whose answer never came but which Evo carried out counts as done, not as a failure', async () => {
    const { jane } = await withCalls();
    // Evo holds the call, then the answer is lost: every attempt (the client retries) fails the same way.
    simulator.faults.set('hold', { status: 502, applyFirst: true });
    const result = await t.call('sessions.hold', { sessionId: jane });
    expect(result).toMatchObject({ ok: true, value: { held: true } });
    expect(phaseOf(jane)).toBe('held');
    expect(t.core.board.get(jane)!.failure).toBeNull();
  });

  it('when the resume of a swap fails, the call held to make room is resumed again', async () => {
    const { jane } = await withCalls();
    const sam = simulator.ring(demo.email, { number: '+15550100555', name: 'Sam Caller' });
    await t.core.sync.syncNow();
    await t.value('sessions.answer', { sessionId: sam });
    // The first PATCH (Jane's resume) is refused; the next one (Sam's way back) goes through.
    simulator.faults.set('patch', { status: 409, message: 'Jane was picked up elsewhere', times: 1 });
    const from = simulator.requests.length;
    const result = await t.call('sessions.resume', { sessionId: jane });
    expect(result).toMatchObject({
      ok: false,
      error: {
        message: `Couldn't resume ${named('Jane Doe')}: Evo answered '${named('Jane was picked up elsewhere')}'. ${named('Jane Doe')} is still on hold; ${named('Sam Caller')} is back on the line.`,
      },
    });
    expect(sent(from, { [jane]: 'jane', [sam]: 'sam' })).toEqual(['hold:sam', 'patch:jane', 'patch:sam']);
    expect([phaseOf(jane), phaseOf(sam)]).toEqual(['held', 'live']);
  });

  it('refuses to take a call while another still rings out, before sending anything', async () => {
    const { jane } = await withCalls();
    await t.value('sessions.hold', { sessionId: jane });
    const out = simulator.state.addCall(simulator.state.userByEmail(demo.email)!, {
      direction: 'Outgoing',
      number: '+15550100999',
      state: 'Ringing',
    });
    await t.core.sync.syncNow();
    const from = simulator.requests.length;
    expect(await t.call('sessions.resume', { sessionId: jane })).toMatchObject({
      ok: false,
      error: {
        code: 'CALL_LINE_BUSY',
        message: `The call to ${named('+1 555 010 0999')} is still ringing. Wait for an answer or hang it up first.`,
      },
    });
    expect(sent(from, {})).toEqual([]);
    expect(phaseOf(out.info.id)).toBe('dialing');
  });

  it('a second press of Resume during a swap shares the first one: one hold, one resume', async () => {
    const { jane } = await withCalls();
    const sam = simulator.ring(demo.email, { number: '+15550100555', name: 'Sam Caller' });
    await t.core.sync.syncNow();
    await t.value('sessions.answer', { sessionId: sam });
    simulator.faults.set('hold', { latencyMs: 100 });
    const from = simulator.requests.length;
    const [first, second] = await Promise.all([
      t.call('sessions.resume', { sessionId: jane }),
      t.call('sessions.resume', { sessionId: jane }),
    ]);
    expect(first).toEqual(second);
    expect(sent(from, { [jane]: 'jane', [sam]: 'sam' })).toEqual(['hold:sam', 'patch:jane']);
  });

  it('a caller named with a right-to-left override (U+202E) reverses only their name, never the sentence around it', async () => {
    await withCalls();
    const amy = simulator.ring(demo.email, { number: '+15550100777', name: 'Amy \u202Ederewsna' });
    await t.core.sync.syncNow();
    await t.value('sessions.answer', { sessionId: amy });
    simulator.faults.set('hold', { status: 403, message: 'Hold is \u202Edisabled' });
    const result = await t.call('sessions.hold', { sessionId: amy });
    const message = result.ok ? '' : result.error.message;
    expect(message).toBe(
      `Couldn't put ${named('Amy \u202Ederewsna')} on hold: Evo answered '${named('Hold is \u202Edisabled')}'. ${named('Amy \u202Ederewsna')} can still hear you.`,
    );
    // What is left outside the isolates is ours alone, with no direction control loose in it.
    const ours = message.replace(/\u2068[^\u2068\u2069]*\u2069/g, '');
    expect(ours).toBe("Couldn't put  on hold: Evo answered ''.  can still hear you.");
    expect(t.core.board.get(amy)!.failure?.message).toBe(message);
  });

  it('a hold is one request: its answer goes on the board with no refresh behind it', async () => {
    const { jane } = await withCalls();
    const from = simulator.requests.length;
    await t.value('sessions.hold', { sessionId: jane });
    await t.value('sessions.resume', { sessionId: jane });
    expect(simulator.requests.slice(from).map((request) => request.route)).toEqual(['hold', 'patch']);
  });

  it('a cache that cannot be written after Evo applied the hold still reports the hold as done', async () => {
    const { jane } = await withCalls();
    // Another connection to the very file makes every later write fail, as a full disk would.
    const db = new Database(join(t.dataDir, 'session-cache.sqlite'));
    db.exec("CREATE TRIGGER no_writes BEFORE UPDATE ON sessions BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END;");
    db.close();
    const held = await t.call('sessions.hold', { sessionId: jane });
    expect(held).toMatchObject({ ok: true, value: { held: true } });
    expect(simulator.state.sessions.get(jane)!.info.callState).toBe('Hold');
    expect(phaseOf(jane)).toBe('held');
    expect(t.core.board.get(jane)!.heldSince).not.toBeNull();
    // The answer is written to the cache right after the round trip, so the failure is logged then.
    await vi.waitFor(() => expect(t.logger.lines.join('\n')).toMatch(/cache: could not store a server answer/));
    // A sync that cannot write the cache is not a connection problem either.
    await t.core.sync.syncNow();
    expect(t.core.board.snapshot()).toMatchObject({ connection: 'online', error: null });
    expect(phaseOf(jane)).toBe('held');
  });
});

describe('hold start of a hold this app did not see', () => {
  it('comes from the server: a hold made elsewhere 90 s ago shows 90 s, not zero', async () => {
    const { jane } = await withCalls();
    const dana = simulator.state.userByEmail(demo.email)!;
    simulator.state.hold(dana, jane, '', 'None');
    const ninetySecondsAgo = new Date(Date.now() - 90_000).toISOString();
    const info = simulator.state.sessions.get(jane)!.info;
    info.log.at(-1)!.date = ninetySecondsAgo;
    await t.core.sync.syncNow();
    const heldSince = Date.parse(t.core.board.get(jane)!.heldSince!);
    expect(Math.abs(heldSince - Date.parse(ninetySecondsAgo))).toBeLessThan(5);
  });
});
