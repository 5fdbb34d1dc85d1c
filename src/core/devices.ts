/** The peripherals that kiosk-shell bridges to the PWA, and the states it reports for them. */
export const DEVICE_KINDS = ['reader', 'scanner', 'printer', 'docPrinter'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const DEVICE_STATES = ['ready', 'absent', 'error', 'paper-near-end', 'paper-out', 'cover-open'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export type DeviceStates = Record<DeviceKind, DeviceState>;

/** Without a kiosk-shell (a plain browser) every device is absent. */
export const ALL_DEVICES_ABSENT: DeviceStates = {
  reader: 'absent',
  scanner: 'absent',
  printer: 'absent',
  docPrinter: 'absent',
};
