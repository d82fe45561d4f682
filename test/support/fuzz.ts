/** A small seeded generator of hostile payloads for IPC fuzzing. */
export function rng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Rng = ReturnType<typeof rng>;

const STRINGS = [
  '',
  ' ',
  'S1',
  '+15550100199',
  '../../etc/passwd',
  '%2e%2e%2f',
  '\u0000',
  '\ud800',
  '🙂📞',
  'ｔｅｌ：＋１５５５',
  '٠١٢٣',
  '<script>alert(1)</script>',
  "'; DROP TABLE sessions; --",
  'http://127.0.0.1:1',
  'javascript:alert(1)',
  'Transferring',
  'None',
  'CommandOrControl+Alt+H',
];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];

export function hostileValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 8 : 12)) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return r.pick([0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 31), 1e308]);
    case 3:
      return r.pick([true, false]);
    case 4:
      return r.pick(STRINGS);
    case 5:
      return 'x'.repeat(r.pick([1025, 65_537, 1_000_001]));
    case 6:
      return String.fromCodePoint(...Array.from({ length: 20 }, () => r.int(0x10ffff)).filter((c) => c < 0xd800 || c > 0xdfff));
    case 7:
      return r.pick([[], {}, Object.create(null)]);
    case 8:
      return Array.from({ length: r.int(5) }, () => hostileValue(r, depth + 1));
    case 9: {
      const object: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i -= 1) object[r.pick([...STRINGS, ...POLLUTION_KEYS, 'sessionId', 'query'])] = hostileValue(r, depth + 1);
      return object;
    }
    case 10:
      return deep(r.pick([50, 500, 5000]));
    default:
      return JSON.parse(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`) as unknown;
  }
}

function deep(levels: number): unknown {
  let value: unknown = { sessionId: 'S1' };
  for (let i = 0; i < levels; i += 1) value = { sessionId: value, nested: [value] };
  return value;
}

/** A valid example mutated once: a missing, extra, retyped, huge or polluted field. */
export function mutate(r: Rng, example: unknown): unknown {
  if (!example || typeof example !== 'object') return r.next() < 0.5 ? example : hostileValue(r);
  const copy: Record<string, unknown> = { ...(example as Record<string, unknown>) };
  const keys = Object.keys(copy);
  switch (r.int(6)) {
    case 0:
      if (keys.length) delete copy[r.pick(keys)];
      return copy;
    case 1:
      copy[r.pick([...POLLUTION_KEYS, 'extra', 'isAdmin'])] = hostileValue(r);
      return copy;
    case 2:
      if (keys.length) copy[r.pick(keys)] = hostileValue(r);
      return copy;
    case 3:
      if (keys.length) copy[r.pick(keys)] = 'y'.repeat(100_000);
      return copy;
    case 4:
      return JSON.parse(JSON.stringify(copy).replace('{', '{"__proto__":{"polluted":1},')) as unknown;
    default:
      return copy;
  }
}
