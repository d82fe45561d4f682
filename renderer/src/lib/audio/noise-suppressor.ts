/**
 * Noise suppression for a call's audio, in the shape of the Voice SDK's AudioProcessor: given
 * the microphone's (or the caller's) stream, it returns the same audio with the background
 * noise taken out. The Twilio engine hands it to `device.audio.addProcessor`; demo mode's
 * simulated line runs its microphone through it the same way.
 */
import type { SuppressorNode } from './rnnoise';

import type { AudioProcessorLike } from '../calls/twilio-types';

export type { AudioProcessorLike };

interface Graph {
  context: AudioContext;
  node: SuppressorNode;
}

export interface SuppressorDeps {
  loadNode: (context: BaseAudioContext) => Promise<SuppressorNode>;
  createContext: () => AudioContext;
}

const browserDeps: SuppressorDeps = {
  loadNode: async (context) => (await import('./rnnoise')).createRnnoiseNode(context),
  createContext: () => new AudioContext({ sampleRate: 48_000, latencyHint: 'interactive' }),
};

export class NoiseSuppressor implements AudioProcessorLike {
  /** Why the last stream went through unprocessed, or null. */
  failure: string | null = null;
  private readonly graphs = new Map<MediaStream, Graph>();

  constructor(private readonly deps: SuppressorDeps = browserDeps) {}

  async createProcessedStream(stream: MediaStream): Promise<MediaStream> {
    const context = this.deps.createContext();
    try {
      const node = await this.deps.loadNode(context);
      const output = context.createMediaStreamDestination();
      context.createMediaStreamSource(stream).connect(node).connect(output);
      if (context.state === 'suspended') await context.resume().catch(() => undefined);
      this.graphs.set(output.stream, { context, node });
      this.failure = null;
      return output.stream;
    } catch {
      // A call with noise is better than no call: the audio goes through as it is.
      void context.close().catch(() => undefined);
      this.failure = 'Noise suppression could not start; your audio is sent as it is.';
      return stream;
    }
  }

  async destroyProcessedStream(stream: MediaStream): Promise<void> {
    const graph = this.graphs.get(stream);
    if (!graph) return;
    this.graphs.delete(stream);
    graph.node.destroy();
    for (const track of stream.getTracks()) track.stop();
    await graph.context.close().catch(() => undefined);
  }
}
