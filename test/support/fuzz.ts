/**
 * fast-check arbitraries for fuzzing the IPC router: hostile values of every shape, valid payloads
 * built around real session ids (so that the services run, not only zod), mutations of those, and
 * senders that are not the app's window. Seeded by the caller; fast-check shrinks what fails.
 */
import fc from 'fast-check';
import type { InvokeChannel } from '../../electron/shared/contract';
import { callActionTable, type ActionInput, type CallActionChannel, type CallActionRow } from '../../electron/shared/call-action-table';
import type { Sender } from '../../electron/main/ipc/router';

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Strings that have broken parsers, paths, SQL or URLs somewhere. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '.',
  '..',
  '%2e%2e',
  '../../etc/passwd',
  'x/hold?y=1',
  '\u0000',
  '\ud800',
  '🙂📞',
  'ｔｅｌ：＋１５５５',
  '٠١٢٣',
  '<script>alert(1)</script>',
  "'; DROP TABLE sessions; --",
  'javascript:alert(1)',
  'Transferring',
  'CommandOrControl+Alt+H',
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(201, 1025, 65_537, 1_000_001).map((length) => 'x'.repeat(length)),
);

function deep(levels: number): unknown {
  let value: unknown = { sessionId: 'S1' };
  for (let i = 0; i < levels; i += 1) value = { sessionId: value, nested: [value] };
  return value;
}

const pollution = fc
  .constantFrom(
    `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`,
    `{"sessionId":"S1","__proto__":{"polluted":true}}`,
  )
  .map((json) => JSON.parse(json) as unknown);

/** Anything at all: values of every type, odd strings, deep nesting, prototype-pollution keys. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 4,
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...POLLUTION_KEYS, 'sessionId', 'query', 'server')),
    values: [nastyString, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)],
    withNullPrototype: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
    withBigInt: true,
  }),
  nastyString,
  fc.constantFrom(50, 500, 5000).map(deep),
  pollution,
);

/** A valid payload changed once: a field missing, added, retyped, huge or polluted. */
export function mutated(example: unknown): fc.Arbitrary<unknown> {
  if (!example || typeof example !== 'object') return hostile;
  const record = example as Record<string, unknown>;
  const keys = Object.keys(record);
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('sessionId');
  return fc.oneof(
    key.map((name) => Object.fromEntries(Object.entries(record).filter(([field]) => field !== name))),
    fc.tuple(fc.constantFrom(...POLLUTION_KEYS, 'extra', 'isAdmin'), hostile).map(([name, value]) => ({ ...record, [name]: value })),
    fc.tuple(key, hostile).map(([name, value]) => ({ ...record, [name]: value })),
    key.map((name) => ({ ...record, [name]: 'y'.repeat(100_000) })),
    fc.constant(withPollutedProto(record)),
  );
}

/** The record with an own `__proto__` key, as JSON.parse makes it (an object literal would set the prototype). */
function withPollutedProto(record: Record<string, unknown>): unknown {
  const fields = JSON.stringify(record).slice(1, -1);
  return JSON.parse(`{"__proto__":{"polluted":1}${fields ? `,${fields}` : ''}}`) as unknown;
}

export interface FuzzWorld {
  /** The agent's calls in progress. */
  liveIds: string[];
  /** Ended calls, and another account's call: real ids whose actions Evo refuses. */
  otherIds: string[];
  /** Call SIDs of those sessions' legs. */
  callSids: string[];
  /** The simulator's URL (a sign-in that works) among servers that do not. */
  server: string;
}

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** Payloads each channel accepts, with real ids, so that handlers and services do the work. */
export function validPayloads(world: FuzzWorld): Record<InvokeChannel, fc.Arbitrary<unknown>> {
  const sessionId = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...world.liveIds) },
    { weight: 3, arbitrary: fc.constantFrom(...world.otherIds) },
    { weight: 1, arbitrary: fc.constantFrom('SE-missing', '...', 'a.b', 'x'.repeat(200)) },
  );
  const callSid = fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...world.callSids) },
    { weight: 1, arbitrary: fc.stringMatching(/^CA[0-9a-f]{8}$/) },
  );
  const number = fc.oneof(
    fc.constantFrom('+15550100199', '(555) 010-0199', '*72', '+44 7700 900123'),
    fc.string({ minLength: 1, maxLength: 64 }),
  );
  const hotkey = fc.constantFrom('', 'CommandOrControl+Alt+H', 'F9', 'Alt+Shift+M', 'not a key');
  const none = fc.constant(undefined);
  // Each call action's channel by the kind of input its row in the table takes; the hand-written ones below win.
  const byInput: Record<ActionInput, fc.Arbitrary<unknown>> = {
    call: fc.record({ sessionId }),
    callCheckIn: fc.record({ sessionId, checkIn: optional(fc.boolean()) }, { requiredKeys: ['sessionId'] }),
    callLeg: fc.record({ sessionId, callSid }, { requiredKeys: ['sessionId'] }),
    callLegReason: fc.record(
      { sessionId, callSid, reason: optional(fc.constantFrom('None', 'Transferring')) },
      { requiredKeys: ['sessionId'] },
    ),
    callDestination: fc.record({ sessionId, destination: number }),
    callLegDestination: fc.record({ sessionId, destination: number, callSid }, { requiredKeys: ['sessionId', 'destination'] }),
    callMode: fc.record({ sessionId, mode: optional(fc.constantFrom('hold', 'end')) }, { requiredKeys: ['sessionId'] }),
  };
  const actions = Object.fromEntries(
    Object.values(callActionTable as Record<string, CallActionRow>).flatMap(({ channel }) =>
      channel ? [[channel.name, byInput[channel.input]]] : [],
    ),
  ) as Record<CallActionChannel, fc.Arbitrary<unknown>>;
  return {
    ...actions,
    'app.info': none,
    'app.storageStatus': none,
    'app.restartToUpdate': none,
    'auth.servers': none,
    'auth.status': none,
    'auth.signIn': fc.record({
      server: fc.constantFrom(world.server, 'http://127.0.0.1:1', 'http://evil.example', 'ftp://x', 'https://u:p@evovoice.io'),
      email: fc.constantFrom('demo@evosoftphone.local', 'other@evosoftphone.local', 'nobody@example.com'),
      password: fc.constantFrom('demo', 'other', 'wrong'),
      remember: fc.boolean(),
    }),
    'auth.signInDemo': none,
    'auth.signOut': none,
    'sessions.active': none,
    'sessions.refresh': none,
    'sessions.history': optional(
      fc.record(
        {
          query: optional(fc.oneof(fc.string({ maxLength: 30 }), number)),
          page: optional(fc.nat(10_000)),
          fresh: optional(fc.boolean()),
          filter: optional(fc.constantFrom('all', 'missed', 'incoming', 'outgoing')),
        },
        { requiredKeys: [] },
      ),
    ),
    'sessions.get': fc.record({ sessionId }),
    'sessions.hold': fc.record(
      { sessionId, callSid, reason: optional(fc.constantFrom('None', 'Transferring')) },
      { requiredKeys: ['sessionId'] },
    ),
    'sessions.resume': fc.record({ sessionId }),
    'sessions.end': fc.record({ sessionId, callSid }, { requiredKeys: ['sessionId'] }),
    'sessions.transfer': fc.record({ sessionId, destination: number }),
    'sessions.create': fc.record({ to: number, displayName: optional(fc.string({ maxLength: 40 })) }, { requiredKeys: ['to'] }),
    'sessions.answer': fc.record({ sessionId, mode: optional(fc.constantFrom('hold', 'end')) }, { requiredKeys: ['sessionId'] }),
    'sessions.recentNumbers': none,
    'sessions.today': none,
    'history.recentContacts': none,
    'notes.drafts': none,
    'notes.keepDraft': fc.record({
      sessionId,
      name: fc.string({ maxLength: 40 }),
      number,
      text: fc.oneof(fc.string({ maxLength: 200 }), fc.constant('x'.repeat(2500))),
      outcome: fc.constantFrom('', 'Resolved', 'Sold a yacht'),
    }),
    'notes.dropDraft': fc.record({ sessionId }),
    'notes.hidden': none,
    'calls.setPromise': fc.record({ sessionId, minutes: fc.constantFrom(1, 2, 5, 10) }),
    'sessions.addParticipant': fc.record({ sessionId, destination: number, callSid }, { requiredKeys: ['sessionId', 'destination'] }),
    'sessions.leave': fc.record({ sessionId, callSid }, { requiredKeys: ['sessionId'] }),
    'sessions.consult': fc.record({ sessionId, destination: number, callSid }, { requiredKeys: ['sessionId', 'destination'] }),
    'sessions.completeTransfer': fc.record({ sessionId }),
    'sessions.merge': fc.record({ sessionId }),
    'sessions.cancelConsult': fc.record({ sessionId }),
    'sessions.saveNote': fc.record(
      { sessionId, text: fc.string({ maxLength: 200 }), outcome: fc.constantFrom('', 'Resolved', 'Escalated', 'Nope') },
      { requiredKeys: ['sessionId', 'text', 'outcome'] },
    ),
    'calls.board': none,
    'calls.refresh': fc.record({ reason: fc.constantFrom('focus', 'online', 'incoming', 'disconnect') }),
    'calls.freeLine': fc.record({ mode: fc.constantFrom('hold', 'end') }),
    'calls.dismissFailure': fc.record({ sessionId }),
    'voice.token': none,
    'voice.reportStatus': fc.record({ status: fc.constantFrom('offline', 'registering', 'registered', 'reconnecting', 'error') }),
    'settings.get': none,
    'settings.update': fc.record(
      {
        holdReminders: fc.array(fc.integer({ min: 5, max: 3600 }), { minLength: 1, maxLength: 10 }),
        hotkeys: fc.record({ holdResume: hotkey, answer: hotkey, hangUp: hotkey, mute: hotkey }, { requiredKeys: [] }),
        audio: fc.record({ input: fc.string({ maxLength: 20 }), output: fc.string({ maxLength: 20 }) }, { requiredKeys: [] }),
        startAtLogin: fc.boolean(),
        closeToTray: fc.boolean(),
        compactWindow: fc.boolean(),
        wrapUp: fc.record(
          { prompt: fc.boolean(), outcomes: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
    'settings.hotkeyConflicts': none,
  };
}

/** For one channel: mostly valid payloads, some mutated, some anything at all. */
export function payloadsFor(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 2, arbitrary: valid.chain(mutated) }, { weight: 2, arbitrary: hostile });
}

/** Senders that are not the app's window: another window, a subframe, another origin, or all three. */
export function foreignSenders(trusted: Sender): fc.Arbitrary<Sender> {
  return (
    fc
      .record({
        id: fc.oneof(fc.constant(trusted.id), fc.integer()),
        isMainFrame: fc.boolean(),
        origin: fc.oneof(
          fc.constantFrom(
            trusted.origin,
            'app://softphone.evil.example',
            'app://evil',
            'https://evovoice.io',
            'http://127.0.0.1:5199',
            'file://',
            'null',
            '',
          ),
          fc.webUrl(),
          fc.string({ maxLength: 30 }),
        ),
      })
      // The app's window is its id, its main frame and its origin (a path after the origin is the same origin).
      .filter(
        (sender) =>
          !(
            sender.id === trusted.id &&
            sender.isMainFrame &&
            (sender.origin === trusted.origin || sender.origin.startsWith(`${trusted.origin}/`))
          ),
      )
  );
}
