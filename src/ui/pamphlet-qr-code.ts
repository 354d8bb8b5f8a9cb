import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { formatNumber } from '../l10n/format.ts';
import { AnimatedCodes, DEFAULT_DENSITY, DEFAULT_SPEED, singleCode, type Density, type QrSymbol } from '../shared/qr/qr-symbol.ts';
import { sharedStyles } from './shared-styles.ts';

/** Modules of white border a reader needs around a code. */
const QUIET_ZONE = 4;

/** The widest a code is shown, in rem: bigger only makes a camera step back. */
const WIDEST_REM = 22;

/**
 * Draws the code with every module the same whole number of device pixels, and shows the canvas
 * at exactly that size: stretched by CSS to fill its box, modules came out some a pixel wider
 * than others, which a camera (or jsQR, which Scan uses) reads less surely.
 */
function draw(canvas: HTMLCanvasElement, symbol: QrSymbol, room: number): void {
  const modules = symbol.size + QUIET_ZONE * 2;
  const scale = Math.max(2, Math.floor((room * devicePixelRatio) / modules) || 4);
  canvas.width = canvas.height = modules * scale;
  canvas.style.width = `${(modules * scale) / devicePixelRatio}px`;
  const context = canvas.getContext('2d')!;
  // Dark on light whatever the theme: that is what cameras read.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000000';
  for (let y = 0; y < symbol.size; y++) {
    for (let x = 0; x < symbol.size; x++) {
      if (symbol.dark(x, y)) context.fillRect((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale, scale, scale);
    }
  }
}

/**
 * A payload as QR codes: one code when it fits, otherwise an endless fountain-coded animation
 * (docs/bundle-format.md, section 8) at the chosen speed and density.
 */
@customElement('pamphlet-qr-code')
@localized()
export class PamphletQrCode extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      canvas {
        display: block;
        max-width: 100%;
        aspect-ratio: 1;
        margin: 0 auto;
        image-rendering: pixelated;
      }
      p {
        text-align: center;
        margin: 0.5rem 0 0;
      }
    `,
  ];

  @property({ attribute: false }) payload?: Uint8Array;
  /** The code's accessible name, set by whoever shows it. */
  @property() label = '';
  /** What the reader is told under a single code, when the default (scan it on the Scan screen) is not it. */
  @property() note = '';
  @property() density: Density = DEFAULT_DENSITY;
  @property({ type: Number }) speed = DEFAULT_SPEED;
  @query('canvas') private _canvas!: HTMLCanvasElement;
  @state() private _frames = 0;
  @state() private _blocks = 0;
  private _timer?: ReturnType<typeof setInterval>;
  private _seed = 0;
  /** A single code, drawn again when the room for it changes (a phone turned, a window resized). */
  private _single?: QrSymbol;
  private _resized = new ResizeObserver(() => {
    if (this._single) draw(this._canvas, this._single, this._room());
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this._resized.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._timer);
    this._resized.disconnect();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('payload') && !changed.has('density') && !changed.has('speed')) return;
    clearInterval(this._timer);
    this._single = undefined;
    const payload = this.payload;
    if (!payload) return;
    const single = singleCode(payload);
    this._single = single;
    if (single) {
      this._blocks = 0;
      draw(this._canvas, single, this._room());
      return;
    }
    const codes = new AnimatedCodes(payload, this.density);
    this._blocks = codes.encoder.k;
    if (changed.has('payload') || changed.has('density')) this._seed = 0;
    const show = () => {
      draw(this._canvas, codes.symbol(this._seed++), this._room());
      this._frames = this._seed;
    };
    show();
    this._timer = setInterval(show, 1000 / this.speed);
  }

  /** The width the code may take, in CSS pixels: this element's, up to the widest a code is shown. */
  private _room(): number {
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    return Math.min(this.clientWidth, WIDEST_REM * rem);
  }

  override render() {
    const [blocks, frame] = [formatNumber(this._blocks), formatNumber(this._frames)];
    return html`<canvas role="img" aria-label=${this.label || msg('QR code')}></canvas>
      ${
        this._blocks > 0
          ? html`<p class="muted">${msg(str`Animated: ${blocks} blocks, frame ${frame}. Keep the code in view until the other phone says it has everything.`)}</p>`
          : html`<p class="muted">${this.note || msg('One code: scan it with Pamphlet’s Scan screen.')}</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pamphlet-qr-code': PamphletQrCode;
  }
}
