import { isNavigationAllowed } from '../core/navigation.ts';

const EDITABLE = 'input, textarea, [contenteditable="true"]';
const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);

function isEditable(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(EDITABLE) !== null;
}

function prevent(event: Event): void {
  event.preventDefault();
}

/**
 * The terminal never shows a browser: no context menu, no selection outside inputs, no zoom, no
 * dragging, no way off the origin, and the back gesture goes nowhere.
 */
export function installLockdown(onBlockedNavigation: () => void): void {
  const origin = window.location.origin;
  const options = { capture: true, passive: false };

  document.addEventListener('contextmenu', prevent, options);
  document.addEventListener('dragstart', prevent, options);
  document.addEventListener('dblclick', prevent, options);
  document.addEventListener('gesturestart', prevent, options);
  document.addEventListener('selectstart', (event) => isEditable(event.target) || event.preventDefault(), options);
  document.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), options);
  document.addEventListener('touchmove', (event) => event.touches.length > 1 && event.preventDefault(), options);
  document.addEventListener(
    'keydown',
    (event) => (event.ctrlKey || event.metaKey) && ZOOM_KEYS.has(event.key) && event.preventDefault(),
    options,
  );

  document.addEventListener(
    'click',
    (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!link) return;
      const href = link.getAttribute('href') ?? '';
      if (!isNavigationAllowed(href, origin) || link.hasAttribute('target')) {
        event.preventDefault();
        onBlockedNavigation();
      }
    },
    options,
  );
  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target instanceof HTMLFormElement ? event.target : null;
      if (form && !isNavigationAllowed(form.action, origin)) {
        event.preventDefault();
        onBlockedNavigation();
      }
    },
    options,
  );
  window.open = () => {
    onBlockedNavigation();
    return null;
  };

  // Keep one spare history entry so a back gesture lands on the kiosk again, not on a blank tab.
  history.pushState({ kiosk: true }, '', window.location.href);
  window.addEventListener('popstate', () => history.pushState({ kiosk: true }, '', window.location.href));
}
