/** Where a call's timer counts from: the answer; while it rings out, the dial. */
export const callStartMs = (call: { answeredAt: string | null; dateCreated: string }): number =>
  Date.parse(call.answeredAt ?? call.dateCreated);
