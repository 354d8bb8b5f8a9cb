import { localized, msg } from '@lit/localize';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { ARTICLE_FRAME_CSS } from './article-frame-styles.ts';
import { followLinkToStored, markLinksToStored } from './article-body-links.ts';

/** The app's tokens the article's typography uses, copied into the frame. */
const TOKENS = [
  '--fg',
  '--muted',
  '--border',
  '--accent',
  '--focus',
  '--text-scale',
  '--reading-leading',
  '--font-reading',
  '--font-reading-arabic',
  '--font-ui',
];

/**
 * An article's body, in a frame of its own: isolation in depth under the sanitizer.
 *
 * The frame is `sandbox`ed without `allow-scripts`, so nothing in it can run, whatever a
 * sanitizer bypass let through: no script element, event handler, `javascript:` URL or form
 * submission works there. With no script running inside, nothing inside can reach the app's
 * storage either. `allow-same-origin` is given only so that this element (the app's own code) can
 * fill the frame, size it to its content and measure the reading position; that is safe precisely
 * because the frame cannot run script, and only the two together would let framed code escape.
 * `allow-popups` and `allow-popups-to-escape-sandbox` let links open outside the app, normally;
 * a link to an article the library holds opens it in the reader instead (article-body-links.ts).
 * The frame inherits the app's CSP, so it also loads nothing from other origins.
 */
@customElement('pamphlet-article-body')
@localized()
export class PamphletArticleBody extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    iframe {
      display: block;
      width: 100%;
      border: 0;
      min-height: 4rem;
    }
  `;

  /** Sanitized content (see sanitize-article.ts), attached to the frame as it is. */
  @property({ attribute: false }) content?: DocumentFragment;
  @property() override lang = '';
  @property() override dir = '';

  @query('iframe') private _frame!: HTMLIFrameElement;
  private _resize?: ResizeObserver;
  private _schemeWatch = matchMedia('(prefers-color-scheme: dark)');
  /** The reading look can change while an article is open (the reader's "Aa" control). */
  private _appearanceWatch = new MutationObserver(() => this._onSchemeChange());

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize?.disconnect();
    this._schemeWatch.removeEventListener('change', this._onSchemeChange);
    this._appearanceWatch.disconnect();
  }

  override render() {
    // lit-analyzer knows `sandbox` as one token, not a list of them: `npm run lint:templates` checks
    // every binding of this file but the type of this attribute.
    return html`<iframe title=${msg('Article text')} sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>`;
  }

  protected override firstUpdated(): void {
    this._schemeWatch.addEventListener('change', this._onSchemeChange);
    this._appearanceWatch.observe(document.documentElement, { attributeFilter: ['style', 'data-theme', 'data-reading-font'] });
  }

  protected override updated(changed: PropertyValues<this>): void {
    const doc = this._frame.contentDocument;
    // Attaching a fragment empties it: attach each new one once.
    if (!doc || !this.content || !changed.has('content')) return;
    const root = doc.documentElement;
    root.lang = this.lang;
    root.dir = this.dir;
    if (!doc.head.querySelector('meta[name="referrer"]')) {
      const referrer = doc.createElement('meta');
      referrer.name = 'referrer';
      referrer.content = 'no-referrer';
      doc.head.append(referrer);
      // Made in the frame's own window: a document adopts only sheets made for it. No request:
      // reading an article asks the network for nothing.
      const sheet = new (doc.defaultView as Window & typeof globalThis).CSSStyleSheet();
      sheet.replaceSync(ARTICLE_FRAME_CSS);
      doc.adoptedStyleSheets = [sheet];
      doc.addEventListener('click', followLinkToStored);
    }
    this._copyAppearance(root);
    doc.body.replaceChildren(this.content);
    void markLinksToStored(doc.body);
    for (const image of doc.images) image.addEventListener('load', this._fitHeight);
    this._resize?.disconnect();
    this._resize = new ResizeObserver(this._fitHeight);
    this._resize.observe(doc.body);
    this._fitHeight();
  }

  /** The frame follows the app's theme and text size; light-dark() resolves with the same scheme. */
  private _copyAppearance(root: HTMLElement): void {
    const app = getComputedStyle(document.documentElement);
    for (const token of TOKENS) root.style.setProperty(token, app.getPropertyValue(token));
    root.style.setProperty('color-scheme', app.colorScheme);
    const doc = root.ownerDocument;
    if (document.documentElement.dataset.readingFont === 'readable')
      void import('../app/reading-font.ts').then(({ useReadingFont }) => useReadingFont(doc).then(this._fitHeight));
  }

  private _onSchemeChange = (): void => {
    const root = this._frame?.contentDocument?.documentElement;
    if (!root) return;
    this._copyAppearance(root);
    this._fitHeight();
  };

  /** The frame is as tall as its content, so the page scrolls as one and reading position is the page's. */
  private _fitHeight = (): void => {
    const body = this._frame?.contentDocument?.body;
    if (body) this._frame.style.setProperty('height', `${Math.ceil(body.scrollHeight)}px`);
  };

  /** Resolves once the frame's images have loaded (or failed), so that the height is final. */
  async settled(): Promise<void> {
    await this.updateComplete;
    const images = [...(this._frame?.contentDocument?.images ?? [])];
    await Promise.all(images.map((image) => image.decode().catch(() => undefined)));
    this._fitHeight();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-article-body': PamphletArticleBody;
  }
}
