/**
 * The callbacks a module calls when something happens to it (a sync's progress, a wipe, the lock,
 * a connection dropping): plain functions rather than DOM events, so that shared code, workers and
 * Node can use it, and a listener is removed by calling what `add` returned.
 */
export class ListenerSet<T = void> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Adds `listener` (once, however often it is added); the function returned removes it. */
  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Calls every listener with `value`, in the order they were added. As a `Set` iterates: one
   * removed during the round is not called if its turn had not come, one added is called too. A
   * listener that throws ends the round, and the error reaches whoever notified.
   */
  notify(value: T): void {
    for (const listener of this.listeners) listener(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}
