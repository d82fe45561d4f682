/**
 * A newer Evo reports a call state this app does not know (`Parked`): the board shows it as such
 * (phase `unknown`, Evo's own word kept), never as the live call, and taking another call holds
 * it first instead of leaving two calls possibly connected. Real core, real simulator over HTTP.
 */
import { describe, expect, it } from 'vitest';
import { DEMO as demo, signedInWorlds } from '../../support/signed-in';

const signedIn = signedInWorlds();

describe('a call state from a newer Evo', () => {
  it('is shown as "unknown" with Evo\'s word, is not the current call, and is held before the agent takes another', async () => {
    const { simulator, t } = await signedIn({ seed: { history: 0 } });
    const jane = t.core.board.calls()[0]!.id;
    const sam = simulator.ring(demo.email, { number: '+15550100555', name: 'Sam Caller' });
    await t.core.sync.syncNow();
    await t.value('sessions.answer', { sessionId: sam });
    expect(t.core.board.get(jane)?.phase).toBe('held');

    // Evo parks Sam (a state it added after this app was written).
    const parked = simulator.state.sessions.get(sam)!;
    (parked.info as { callState: string }).callState = 'Parked';
    parked.info.dateLastModified = new Date().toISOString();
    await t.core.sync.syncNow();

    const view = t.core.board.get(sam)!;
    expect(view.phase).toBe('unknown');
    expect(view.evoState).toBe('Parked');
    expect(t.core.board.snapshot().currentId).toBeNull();

    const from = simulator.requests.length;
    await t.value('sessions.resume', { sessionId: jane });
    const sent = simulator.requests
      .slice(from)
      .filter((request) => request.route !== 'active' && request.route !== 'list')
      .map((request) => `${request.route}:${request.sessionId === sam ? 'sam' : 'jane'}`);
    expect(sent).toEqual(['hold:sam', 'patch:jane']);
    expect(t.core.board.get(jane)?.phase).toBe('live');
    expect(t.core.board.get(sam)?.phase).toBe('held');
  });
});
