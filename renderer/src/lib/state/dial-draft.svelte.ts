import { formatDialInput } from '../phone-numbers/dial-input';

/**
 * The number in the dialer. It lives here, not in the dialer, so that nothing is lost when the
 * dialer is replaced by a call or another tab: a number from "Call back" or a tel: link during a
 * call waits here for the next call.
 */
export class DialDraft {
  text = $state('');
  /** Set by a fill from outside the dialer; the dialer takes focus when it next shows and clears it. */
  wantsFocus = $state(false);

  /** What the agent types: formatted as they go. */
  type(text: string): void {
    this.text = formatDialInput(text);
  }

  /** A number from elsewhere (Call back, a tel: link): fills the field; nothing is dialled. */
  fill(number: string): void {
    this.type(number);
    this.wantsFocus = true;
  }

  clear(): void {
    this.text = '';
  }
}
