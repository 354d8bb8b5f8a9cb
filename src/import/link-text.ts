/** Whether `text` holds a Pamphlet link (`…#bundle=…`); small enough for the first screen's code. */
export function holdsLink(text: string): boolean {
  return /#bundle=[A-Za-z0-9_-]/.test(text);
}
