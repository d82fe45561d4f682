/**
 * An agent's 8-hour shift, compressed onto the injected clocks (issue #22, item 10): 400 calls
 * through the simulator (answers, holds, swaps, transfers, notes), the wall clock set back and
 * forward an hour, a sleep and wake, a 10-minute Evo slow-down with Retry-After, Evo nodes whose
 * clocks disagree, and the Evo cookie and Twilio token expiring (on the simulator's real clock,
 * seconds long). The real core, SQLite, Evo client and simulator over loopback; the desktop's
 * reminders on fake notifications.
 *
 * It asserts: no call lost or shown in a state Evo does not report; polling keeps its pace every
 * hour; no poll inside a Retry-After window; at most 720 requests an hour; at most one reminder
 * per caller per period (one summary at wake); main's heap bounded.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../electron/main/simulator/server';
import type { InputOf, InvokeChannel } from '../../electron/shared/contract';
import { FakeClock } from '../support/clock';
import { coreFor, type TestCore } from '../support/core';
import { desktopOnFakes, FakeNotifier } from '../support/desktop';

const demo = { email: 'demo@evosoftphone.local', password: 'demo' };
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const CALLS = 400;
const SLOT = (8 * HOUR) / CALLS; // 72 s a call

let simulator: Simulator | null = null;
let t: TestCore | null = null;
afterEach(async () => {
  t?.core.dispose();
  await simulator?.close();
  simulator = null;
  t = null;
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

describe('an 8-hour shift on the injected clocks', () => {
  it('400 calls, two clock jumps, a sleep, a slow-down and expiring sign-ins: nothing lost, paced, no bursts, heap flat', async () => {
    const clock = new FakeClock();
    const requests: { route: string; at: number }[] = [];
    simulator = await startSimulator({
      seed: { history: 0, liveCall: false },
      cookieTtlMs: 4 * SECOND,
      tokenTtlSec: 5,
      onRequest: (route) => requests.push({ route, at: clock.monotonic() }),
    });
    const sim = simulator;
    t = coreFor(simulator, { clock, sink: () => undefined });
    const core = t;
    const notifier = new FakeNotifier();
    /** Each reminder (or summary), with the monotonic moment it was shown. */
    const reminded: { sessionId: string; title: string; at: number }[] = [];
    const show = notifier.show;
    notifier.show = (notification, click) => {
      const announcement = notification.body.endsWith('Resume from the tray or the window.');
      if (!announcement && !/Incoming call|failed/.test(notification.title)) {
        reminded.push({
          sessionId: notification.sessionId ?? '',
          title: `${notification.title} ${notification.body}`,
          at: clock.monotonic(),
        });
      }
      show(notification, click);
    };
    const desktop = desktopOnFakes({ board: core.core.board, actions: core.core.actions, clock, logger: core.logger, notifier });
    core.core.events.on('calls.changed', (change) => desktop.onBoardChanged(change));
    desktop.setSignedIn(true);
    await core.value('auth.signIn', { server: sim.url, ...demo, remember: false });
    const run = (ms: number) => clock.run(ms, () => core.core.sync.settled());
    const start = clock.monotonic();
    const problems: string[] = [];

    /** Every call Evo reports for the agent is on the board in the phase Evo's state means, and no other. */
    const check = (when: string) => {
      const evo = sim.state.active(sim.state.userByEmail(demo.email)!).map((s) => s.info);
      const board = core.core.board.calls();
      for (const info of evo) {
        const shown = board.find((call) => call.id === info.id);
        const expected =
          info.callState === 'Hold' ? ['held', 'heldForTransfer'] : info.callState === 'Connected' ? ['live'] : ['ringingIn', 'dialing'];
        if (!shown) problems.push(`${when}: ${info.fromName} (${info.callState}) is not on the board`);
        else if (!expected.includes(shown.phase))
          problems.push(`${when}: ${info.fromName} shows ${shown.phase}, Evo says ${info.callState}`);
      }
      for (const call of board)
        if (!evo.some((info) => info.id === call.id)) problems.push(`${when}: ${call.displayName} is on the board, Evo has ended it`);
    };
    const act = async <C extends InvokeChannel>(when: string, channel: C, input: InputOf<C>) => {
      const answer = await core.call(channel, input);
      if (!answer.ok) problems.push(`${when}: ${channel} failed: ${answer.error.message}`);
      check(`${when} after ${channel}`);
    };
    const ring = async (i: number) => {
      const id = sim.ring(demo.email, { number: `+1555010${String(1000 + (i % 9000)).padStart(4, '0')}`, name: `Caller ${i}` });
      core.core.sync.refresh('incoming');
      await run(2 * SECOND);
      return id;
    };

    let slowDown: { from: number; to: number } | null = null;
    let wokeAt = -1;
    let quietPolls = 0;
    const heap: number[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      const slotStart = clock.monotonic();
      const hour = (slotStart - start) / HOUR;
      // What happens to the computer and to Evo over the shift.
      if (i % 50 === 0) {
        const token = await core.call('voice.token');
        tokens.push(token.ok ? 'ok' : token.error.code);
      }
      if (i % 25 === 0) {
        // What the test and the simulator keep (the simulator runs in this process) is not main's:
        // dropped, so the heap measured is the app's.
        clock.scheduled.length = 0;
        core.logger.lines.length = 0;
        (sim.requests as unknown[]).length = 0;
        notifier.shown.length = 0;
        for (const [id, session] of sim.state.sessions) if (session.info.ended) sim.state.sessions.delete(id);
      }
      if (i === 25 || i === 125 || i === 225 || i === 325) heap.push(heapMb());

      const caller = await ring(i);
      await act(`call ${i}`, 'sessions.answer', { sessionId: caller });
      if (i === 100) {
        // The wall clock set back an hour during a long, quiet call: polling keeps its pace.
        clock.jumpWall(-HOUR);
        const from = clock.monotonic();
        await run(10 * MINUTE);
        quietPolls = requests.filter((r) => r.route === 'active' && r.at > from).length;
      }
      if (i === 300) {
        // Evo slows us down for 10 minutes (503, Retry-After: 120): the agent's holds and resumes
        // still go, polls wait their window.
        slowDown = { from: clock.monotonic(), to: clock.monotonic() + 10 * MINUTE };
        sim.faults.set('active', { status: 503, retryAfter: 120 });
        while (clock.monotonic() < slowDown.to) {
          await act(`slow-down`, 'sessions.hold', { sessionId: caller });
          await run(50 * SECOND);
          await act(`slow-down`, 'sessions.resume', { sessionId: caller });
          await run(50 * SECOND);
        }
        sim.faults.clear('active');
      }
      await run(10 * SECOND);
      // A node 2 s ahead stamps the holds of every fourth call, the resume comes from one on time.
      if (i % 4 === 0) sim.state.skewMs = 2_000;
      if (i % 2 === 0) {
        await act(`call ${i}`, 'sessions.hold', { sessionId: caller });
        sim.state.skewMs = 0;
        // The wall clock set forward an hour with a caller held: no reminder for it.
        if (i === 200) clock.jumpWall(HOUR);
        // Most holds are short; every twentieth outlasts its promise (1 min) twice.
        await run((i % 20 === 0 ? 125 : 35) * SECOND);
        if (i === 250) {
          // Asleep 30 minutes with this caller held (the monotonic clock stops), then awake.
          clock.sleep(30 * MINUTE);
          wokeAt = clock.monotonic();
          desktop.woke();
          core.core.sync.refresh('wake');
          await run(SECOND);
        }
        await act(`call ${i}`, 'sessions.resume', { sessionId: caller });
      }
      sim.state.skewMs = 0;
      if (i % 10 === 5) {
        // A second caller: answering holds the first, resuming the first swaps them back.
        const second = await ring(i + 10_000);
        await act(`call ${i}`, 'sessions.answer', { sessionId: second });
        await run(5 * SECOND);
        await act(`call ${i}`, 'sessions.resume', { sessionId: caller });
        await act(`call ${i}`, 'sessions.end', { sessionId: second });
      }
      if (i % 3 === 0) await act(`call ${i}`, 'sessions.saveNote', { sessionId: caller, text: `Shift note ${i}`, outcome: 'Resolved' });
      if (i % 7 === 0) await act(`call ${i}`, 'sessions.transfer', { sessionId: caller, destination: '+15550109999' });
      else await act(`call ${i}`, 'sessions.end', { sessionId: caller });
      await run(Math.max(0, slotStart + SLOT - clock.monotonic()));
      check(`call ${i} (hour ${hour.toFixed(2)})`);
      if (problems.length > 0) break;
    }
    heap.push(heapMb());
    await core.core.sync.syncNow();
    check('end of shift');

    expect(problems.slice(0, 5)).toEqual([]);
    expect(tokens.every((token) => token === 'ok')).toBe(true);

    // Requests within budget, and polling kept its pace every hour (whatever the wall clock did).
    const end = clock.monotonic();
    const perHour: number[] = [];
    const pollsPerHour: number[] = [];
    for (let from = start; from < end; from += HOUR) {
      perHour.push(requests.filter((r) => r.at >= from && r.at < from + HOUR).length);
      pollsPerHour.push(requests.filter((r) => r.route === 'active' && r.at >= from && r.at < from + HOUR).length);
    }
    console.info(
      `shift: requests an hour ${perHour.join(', ')}; polls an hour ${pollsPerHour.join(', ')}; heap MB ${heap.map((mb) => mb.toFixed(1)).join(', ')}`,
    );
    expect(Math.max(...perHour)).toBeLessThanOrEqual(720);
    expect(Math.min(...pollsPerHour.slice(0, -1))).toBeGreaterThanOrEqual(240);
    expect(quietPolls).toBeGreaterThanOrEqual(119);
    expect(quietPolls).toBeLessThanOrEqual(121);

    // The slow-down: one poll per Retry-After window, none inside one.
    const slowPolls = requests
      .filter((r) => r.route === 'active' && slowDown && r.at >= slowDown.from && r.at < slowDown.to)
      .map((r) => r.at);
    expect(slowPolls.length).toBeLessThanOrEqual(6);
    for (let k = 1; k < slowPolls.length; k += 1) expect(slowPolls[k]! - slowPolls[k - 1]!).toBeGreaterThanOrEqual(120 * SECOND);

    // Reminders: never two for one caller within the shortest period (30 s), and the wake after
    // 30 minutes asleep brought one notification, not one per reminder missed.
    const last = new Map<string, number>();
    for (const reminder of reminded) {
      const before = last.get(reminder.sessionId);
      if (before !== undefined) expect(reminder.at - before, `${reminder.title} twice within 30 s`).toBeGreaterThanOrEqual(30 * SECOND);
      last.set(reminder.sessionId, reminder.at);
    }
    console.info(`shift: ${reminded.length} reminders`);
    // Each of the 20 long holds outlasts its 1-minute promise twice; the sleep adds one summary.
    expect(reminded.length).toBe(20 * 2 + 1);
    // No hold lasted an hour (the longest: 30 minutes asleep), whatever the wall clock said.
    expect(reminded.filter((reminder) => /\b\d+:\d\d:\d\d\b/.test(reminder.title)).map((reminder) => reminder.title)).toEqual([]);
    expect(reminded.filter((reminder) => reminder.at === wokeAt)).toHaveLength(1);

    // Main's heap (after GC) bounded: it grew about 14 MB over 375 calls when measured (the
    // simulator shares this heap); twice that means something keeps every call.
    expect(heap.at(-1)! - heap[0]!).toBeLessThan(30);
  }, 120_000);
});
