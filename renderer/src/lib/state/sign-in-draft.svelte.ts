import type { ServerList } from '../softphone/api';

export const CUSTOM_SERVER = 'custom';

/**
 * What the agent has typed on the sign-in screen. It lives beside the sign-in state, not in the
 * component, so a failed sign-in or a trip through the demo loses nothing but the password.
 */
export class SignInDraft {
  choice = $state('');
  customUrl = $state('https://');
  email = $state('');
  password = $state('');
  remember = $state(true);

  /** The server the form names: a listed one, or the custom address. */
  server = $derived(this.choice === CUSTOM_SERVER ? this.customUrl.trim() : this.choice);

  /** Main's server list preselects a server and the last email, without overwriting what was typed. */
  adopt(list: ServerList): void {
    if (this.choice) return;
    this.choice = list.preselected;
    if (!this.email && list.lastEmail) this.email = list.lastEmail;
  }
}
