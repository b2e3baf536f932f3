/**
 * Lets the event loop run (other requests, UI messages) before long work goes on in its next
 * slice. setImmediate where the runtime has it (Node, the extension host), else a timer (browsers).
 */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
