import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SettingsPanel from '../../renderer/src/lib/components/SettingsPanel.svelte';
import { SettingsState, parseOutcomes, parseReminders } from '../../renderer/src/lib/state/settings.svelte';
import { defaultTestSettings, fakeSoftphone } from '../support/fake-softphone';

describe('SettingsPanel', () => {
  it('shows loading, then an error when settings cannot be read', async () => {
    const fake = fakeSoftphone();
    const settings = new SettingsState(fake.api);
    render(SettingsPanel, { settings, server: 'https://evovoice.io' });
    expect(screen.getByRole('status').textContent).toContain('Loading settings');
    fake.answer('settings.get', { ok: false, error: { code: 'INTERNAL', message: 'Could not read settings.' } });
    await settings.load();
    expect((await screen.findByRole('alert')).textContent).toContain('Could not read settings.');
  });

  it('saves reminders, the default hold promise, hotkeys and desktop options', async () => {
    const fake = fakeSoftphone();
    fake.answer('settings.get', { ok: true, value: defaultTestSettings });
    fake.answer('settings.update', (patch) => ({ ok: true, value: { ...defaultTestSettings, ...(patch as object) } }));
    const settings = new SettingsState(fake.api);
    await settings.load();
    render(SettingsPanel, {
      settings,
      server: 'https://evovoice.io',
      hotkeyConflicts: { mute: 'F9 is taken by another application. Pick another key.' },
    });
    expect(screen.getByText('https://evovoice.io').tagName).toBe('STRONG');
    expect(screen.getByRole('alert').textContent).toContain('F9 is taken');
    await fireEvent.input(screen.getByLabelText(/Remind me after/), { target: { value: '20, 40' } });
    await fireEvent.keyDown(screen.getByLabelText('Mute'), { key: 'm', code: 'KeyM', ctrlKey: true, altKey: true });
    await fireEvent.keyDown(screen.getByLabelText('Answer'), { key: 'F8', code: 'F8' });
    await fireEvent.click(screen.getByLabelText('Start at login'));
    const promise = screen.getByLabelText('Default hold promise') as HTMLSelectElement;
    expect(promise.value).toBe('1');
    expect([...promise.options].map((option) => option.text)).toEqual(['1 min', '2 min', '3 min', '5 min']);
    promise.value = '3';
    await fireEvent.change(promise);
    const retention = screen.getByLabelText('Keep call history') as HTMLSelectElement;
    expect(retention.value).toBe('12');
    expect([...retention.options].map((option) => option.text)).toEqual(['3 months', '6 months', '1 year', '2 years']);
    retention.value = '6';
    await fireEvent.change(retention);
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(fake.calls.find((c) => c.channel === 'settings.update')!.payload).toMatchObject({
      holdReminders: [20, 40],
      holdPromiseMinutes: 3,
      historyRetentionMonths: 6,
      startAtLogin: true,
      hotkeys: { holdResume: 'CommandOrControl+Alt+H', mute: 'CommandOrControl+Alt+M', answer: 'F8' },
    });
  });

  it('refuses reminders that are not seconds', async () => {
    const fake = fakeSoftphone();
    fake.answer('settings.get', { ok: true, value: defaultTestSettings });
    const settings = new SettingsState(fake.api);
    await settings.load();
    render(SettingsPanel, { settings, server: 'x' });
    await fireEvent.input(screen.getByLabelText(/Remind me after/), { target: { value: 'soon' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByRole('alert').textContent).toContain('seconds between 5 and 3600');
    expect(fake.calls.some((c) => c.channel === 'settings.update')).toBe(false);
    expect(parseReminders('30, 60 90')).toEqual([30, 60, 90]);
    expect(parseReminders('1')).toBeNull();
  });

  it('turns the wrap-up prompt off and edits the outcomes to pick from; refuses an empty list', async () => {
    const fake = fakeSoftphone();
    fake.answer('settings.get', { ok: true, value: defaultTestSettings });
    fake.answer('settings.update', (patch) => ({ ok: true, value: { ...defaultTestSettings, ...(patch as object) } }));
    const settings = new SettingsState(fake.api);
    await settings.load();
    render(SettingsPanel, { settings, server: 'x' });
    const outcomes = screen.getByLabelText(/Outcomes to pick from/) as HTMLInputElement;
    expect(outcomes.value).toBe(defaultTestSettings.wrapUp.outcomes.join(', '));
    await fireEvent.input(outcomes, { target: { value: ' , ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByRole('alert').textContent).toContain('Outcomes are 1 to 12 names');
    await fireEvent.click(screen.getByLabelText('Ask for a note after each call'));
    await fireEvent.input(outcomes, { target: { value: 'Sold, No sale, Sold' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(fake.calls.find((c) => c.channel === 'settings.update')!.payload).toMatchObject({
      wrapUp: { prompt: false, outcomes: ['Sold', 'No sale'] },
    });
    expect(parseOutcomes('x'.repeat(41))).toBeNull();
  });
});

describe('SettingsPanel hotkeys', () => {
  async function setup(platform = 'linux') {
    const fake = fakeSoftphone();
    fake.answer('settings.get', { ok: true, value: defaultTestSettings });
    fake.answer('settings.update', (patch) => ({ ok: true, value: { ...defaultTestSettings, ...(patch as object) } }));
    const settings = new SettingsState(fake.api);
    await settings.load();
    render(SettingsPanel, { settings, server: 'Evo Voice', platform });
    return { fake, settings };
  }

  it('shows hotkeys the way the OS writes them', async () => {
    await setup('linux');
    expect((screen.getByLabelText('Hold / resume') as HTMLInputElement).value).toBe('Ctrl+Alt+H');
    cleanup();
    await setup('darwin');
    expect((screen.getByLabelText('Hold / resume') as HTMLInputElement).value).toBe('⌘⌥H');
  });

  it('refuses a combination another action already has, saying which, and keeps both as they were', async () => {
    const { settings } = await setup();
    const mute = screen.getByLabelText('Mute') as HTMLInputElement;
    await fireEvent.keyDown(mute, { key: 'h', code: 'KeyH', ctrlKey: true, altKey: true });
    const reason = screen.getByRole('alert');
    expect(reason.textContent).toContain('Ctrl+Alt+H is already the hotkey for Hold / resume');
    expect(mute.value).toBe('');
    expect(mute.getAttribute('aria-invalid')).toBe('true');
    expect(mute.getAttribute('aria-describedby')!.split(' ')).toContain(reason.id);
    expect(settings.draft.value!.hotkeys).toMatchObject({ holdResume: 'CommandOrControl+Alt+H', mute: '' });
    await fireEvent.keyDown(mute, { key: 'm', code: 'KeyM', ctrlKey: true, altKey: true });
    expect(mute.value).toBe('Ctrl+Alt+M');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it.each([
    ['Ctrl+C', { key: 'c', code: 'KeyC', ctrlKey: true }, 'Ctrl+C is Copy in every application'],
    ['Ctrl+V', { key: 'v', code: 'KeyV', ctrlKey: true }, 'Ctrl+V is Paste in every application'],
    ['Alt+F4', { key: 'F4', code: 'F4', altKey: true }, 'Alt+F4 is Close the window in every application'],
    ['a bare letter', { key: 'h', code: 'KeyH' }, 'H without Ctrl or Alt would take that key from typing'],
    ['Shift and a letter', { key: 'H', code: 'KeyH', shiftKey: true }, 'Shift+H without Ctrl or Alt would take that key from typing'],
  ])('refuses %s with the reason beside the field, and keeps the old hotkey', async (_name, press, reasonText) => {
    const { fake, settings } = await setup();
    const hold = screen.getByLabelText('Hold / resume') as HTMLInputElement;
    await fireEvent.keyDown(hold, press);
    const reason = screen.getByRole('alert');
    expect(reason.textContent).toContain(reasonText);
    expect(hold.value).toBe('Ctrl+Alt+H');
    expect(hold.getAttribute('aria-invalid')).toBe('true');
    expect(hold.getAttribute('aria-describedby')!.split(' ')).toContain(reason.id);
    expect(settings.draft.dirty).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(fake.calls.find((c) => c.channel === 'settings.update')!.payload).toMatchObject({
      hotkeys: { holdResume: 'CommandOrControl+Alt+H' },
    });
    // The next press that can be a hotkey is taken, and the reason goes.
    await fireEvent.keyDown(hold, { key: 'c', code: 'KeyC', ctrlKey: true, altKey: true });
    expect(hold.value).toBe('Ctrl+Alt+C');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says the refusal the way a Mac writes it', async () => {
    await setup('darwin');
    await fireEvent.keyDown(screen.getByLabelText('Mute'), { key: 'c', code: 'KeyC', metaKey: true });
    expect(screen.getByRole('alert').textContent).toContain('⌘C is Copy in every application');
    await fireEvent.keyDown(screen.getByLabelText('Mute'), { key: 'm', code: 'KeyM' });
    expect(screen.getByRole('alert').textContent).toContain(
      'M without ⌘ or ⌥ would take that key from typing in every application. Add ⌘ or ⌥ (for example ⌘⌥M)',
    );
  });

  it('says it is recording while a hotkey field waits for keys', async () => {
    await setup();
    const answer = screen.getByLabelText('Answer');
    expect(answer.getAttribute('placeholder')).toBe('Not set');
    await fireEvent.focus(answer);
    expect(answer.getAttribute('placeholder')).toBe('Press the keys…');
    expect(document.getElementById('hotkey-answer-state')!.textContent).toBe('Recording…');
    await fireEvent.blur(answer);
    expect(document.getElementById('hotkey-answer-state')!.textContent).toBe('');
  });

  it('knows when something is unsaved, and not after saving', async () => {
    const { settings } = await setup();
    expect(settings.draft.dirty).toBe(false);
    await fireEvent.input(screen.getByLabelText(/Remind me after/), { target: { value: '20, 40' } });
    expect(settings.draft.dirty).toBe(true);
    expect(screen.getByText('Unsaved changes').tagName).toBe('P');
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(settings.draft.dirty).toBe(false);
  });

  it('says "Settings saved." only after a save in Settings, not on opening', async () => {
    const { fake, settings } = await setup();
    // A change saved elsewhere (the compact window's toggle), then Settings is opened.
    cleanup();
    await settings.save({ compactWindow: false });
    render(SettingsPanel, { settings, server: 'Evo Voice', platform: 'linux' });
    expect(screen.queryByText('Settings saved.')).toBeNull();
    await fireEvent.input(screen.getByLabelText(/Remind me after/), { target: { value: '20, 40' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(fake.calls.filter((c) => c.channel === 'settings.update')).toHaveLength(2);
    // Leaving the tab and opening it again: the last visit's news is not news any more.
    cleanup();
    render(SettingsPanel, { settings, server: 'Evo Voice', platform: 'linux' });
    expect(screen.queryByText('Settings saved.')).toBeNull();
  });
});
