/**
 * What makes a HID device a telephony headset, written once: a top-level collection on the HID
 * Telephony Device page (0x0B). Main grants HID access by it; the window's chooser filters on it and
 * the headset code reads only such devices. Pure.
 */
export const TELEPHONY_PAGE = 0x0b;

export const hasTelephonyCollection = (collections: readonly { usagePage?: number }[] | undefined): boolean =>
  (collections ?? []).some((collection) => collection.usagePage === TELEPHONY_PAGE);
