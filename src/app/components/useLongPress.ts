import { useEffect, useRef } from 'preact/hooks';

/** Handlers that call `onHold` once a press has lasted `ms` without being released or moved off. */
export function useLongPress(ms: number, onHold: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const cancel = () => clearTimeout(timer.current);
  useEffect(() => cancel, []);
  return {
    onPointerDown: () => {
      cancel();
      timer.current = setTimeout(onHold, ms);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
  };
}
