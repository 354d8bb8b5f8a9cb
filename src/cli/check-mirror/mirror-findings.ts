/**
 * What check-mirror found: one line per problem (a reader would fail, or get less than the
 * publisher meant) or warning (it works, but not as well as it should), each saying what is wrong
 * and what to do; and what was checked, for the summary.
 */
export class MirrorFindings {
  readonly lines: string[] = [];
  readonly checked: string[] = [];
  problems = 0;
  warnings = 0;

  problem(url: string, what: string, todo: string): void {
    this.problems++;
    this.lines.push(`problem: ${url}: ${what}. ${todo}`);
  }

  warning(url: string, what: string, todo: string): void {
    this.warnings++;
    this.lines.push(`warning: ${url}: ${what}. ${todo}`);
  }

  /** The last line: all good, or how many problems and warnings, and what was looked at. */
  summary(base: string): string {
    const counts = [
      this.problems > 0 ? `${this.problems} problem${this.problems === 1 ? '' : 's'}` : 'no problems',
      ...(this.warnings > 0 ? [`${this.warnings} warning${this.warnings === 1 ? '' : 's'}`] : []),
    ].join(', ');
    const looked = this.checked.length > 0 ? ` Checked ${this.checked.join(', ')}.` : '';
    const verdict = this.problems > 0 ? 'readers will not get everything they need from it.' : 'it serves what readers need.';
    return `${base}: ${counts}: ${verdict}${looked}`;
  }
}
