/**
 * The articles the library's selection hands to the Nearby screen ("Send nearby"). Kept in memory
 * only: a choice is made just before sending, and should not outlive the tab.
 */
let chosen: readonly string[] = [];

export function chooseForNearby(ids: readonly string[]): void {
  chosen = [...ids];
}

export function chosenForNearby(): readonly string[] {
  return chosen;
}
