import { describe, expect, it, vi } from 'vitest';
import { SimulatedLine } from '../../renderer/src/lib/calls/simulated-line';
import type { AudioProcessorLike } from '../../renderer/src/lib/calls/twilio-types';

class FakeTrack extends EventTarget {
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  stop() {
    this.readyState = 'ended';
  }
  end() {
    this.stop();
    this.dispatchEvent(new Event('ended'));
  }
}

const streamOf = (track = new FakeTrack()) =>
  ({ track, getTracks: () => [track], getAudioTracks: () => [track] }) as unknown as MediaStream & { track: FakeTrack };

function setup(missing: string[] = []) {
  const opened: { constraints: MediaStreamConstraints; stream: ReturnType<typeof streamOf> }[] = [];
  const getUserMedia = vi.fn(async (constraints: MediaStreamConstraints) => {
    const wanted = (constraints.audio as { deviceId?: { exact: string } }).deviceId?.exact;
    if (wanted && missing.includes(wanted)) throw Object.assign(new Error('gone'), { name: 'NotFoundError' });
    const stream = streamOf();
    opened.push({ constraints, stream });
    return stream;
  });
  const processed: ReturnType<typeof streamOf>[] = [];
  const suppressor: AudioProcessorLike = {
    createProcessedStream: vi.fn(async () => {
      const stream = streamOf();
      processed.push(stream);
      return stream;
    }),
    destroyProcessedStream: vi.fn(async (stream: MediaStream) => stream.getTracks().forEach((track) => track.stop())),
  };
  return { line: new SimulatedLine(getUserMedia, suppressor), opened, processed, suppressor };
}

const choice = { input: 'headset', output: 'default', ringtone: 'default', noiseSuppression: true };
const live = (stream: { track: FakeTrack }) => stream.track.readyState === 'live';

describe("demo mode's audio leg opens the microphone as a real call does", () => {
  it('opens the chosen microphone through noise suppression; mute disables what the caller hears', async () => {
    const { line, opened, processed } = setup();
    await line.connect(choice);
    expect(opened[0]!.constraints).toEqual({ audio: { deviceId: { exact: 'headset' } } });
    expect(line.sent).toBe(processed[0]);
    line.setMuted(true);
    expect(processed[0]!.track.enabled).toBe(false);
    line.setMuted(false);
    expect(processed[0]!.track.enabled).toBe(true);
  });

  it('without noise suppression the microphone goes straight through', async () => {
    const { line, opened, suppressor } = setup();
    await line.connect({ ...choice, noiseSuppression: false });
    expect(line.sent).toBe(opened[0]!.stream);
    expect(suppressor.createProcessedStream).not.toHaveBeenCalled();
  });

  it('closing releases every track it opened', async () => {
    const { line, opened, processed } = setup();
    await line.connect(choice);
    line.close();
    expect([live(opened[0]!.stream), live(processed[0]!)]).toEqual([false, false]);
  });

  it('an unplugged microphone: the default one is opened instead, and a track that ends is opened again', async () => {
    const { line, opened } = setup(['headset']);
    await line.connect(choice);
    expect(opened[0]!.constraints).toEqual({ audio: true });
    opened[0]!.stream.track.end();
    await vi.waitFor(() => expect(opened).toHaveLength(2));
    expect(live(opened[1]!.stream)).toBe(true);
  });

  it('a line closed while the microphone was opening does not keep it', async () => {
    const { line, opened } = setup();
    const connecting = line.connect(choice);
    line.close();
    await connecting;
    expect(opened.every(({ stream }) => !live(stream))).toBe(true);
    expect(line.sent).toBeNull();
  });
});
