/**
 * The moment the home screen can first be used: marked for the cold-start bench, shown to
 * kiosk-shell's watchdog as `<html data-ready="home">`, and awaited by start-up work that the
 * first screen does not need.
 */
export const HOME_INTERACTIVE_MARK = 'kiosk:home-interactive';

let settle: () => void = () => undefined;

/** Settles once, when the home screen is first interactive. */
export const homeInteractive = new Promise<void>((resolve) => {
  settle = resolve;
});

export function markHomeInteractive(): void {
  if (document.documentElement.dataset.ready === 'home') return;
  document.documentElement.dataset.ready = 'home';
  performance.mark(HOME_INTERACTIVE_MARK);
  settle();
}
