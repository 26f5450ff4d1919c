/**
 * What pdfjs expects of a browser and Node lacks. pdfjs fills the gap from @napi-rs/canvas when it
 * can `require` it, which it cannot inside the bundled main process (no node_modules, and no
 * import.meta.url in the CommonJS bundle); without DOMMatrix it fails as soon as it is loaded, because
 * its canvas code builds one at module level. Text extraction never draws, so a plain 2-D affine matrix
 * is all it needs.
 */

type Init = ArrayLike<number> | undefined;

/** The 2-D subset of the DOMMatrix interface that pdfjs calls. */
class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: Init) {
    if (init && init.length >= 6)
      [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init).slice(0, 6) as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
  }

  get m11() {
    return this.a;
  }
  get m12() {
    return this.b;
  }
  get m21() {
    return this.c;
  }
  get m22() {
    return this.d;
  }
  get m41() {
    return this.e;
  }
  get m42() {
    return this.f;
  }
  get is2D() {
    return true;
  }
  get isIdentity() {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }

  private set(a: number, b: number, c: number, d: number, e: number, f: number): this {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    this.e = e;
    this.f = f;
    return this;
  }

  /** this = this × other */
  multiplySelf(other: Init | AffineMatrix): this {
    const m = other instanceof AffineMatrix ? other : new AffineMatrix(other);
    return this.set(
      this.a * m.a + this.c * m.b,
      this.b * m.a + this.d * m.b,
      this.a * m.c + this.c * m.d,
      this.b * m.c + this.d * m.d,
      this.a * m.e + this.c * m.f + this.e,
      this.b * m.e + this.d * m.f + this.f,
    );
  }

  /** this = other × this */
  preMultiplySelf(other: Init | AffineMatrix): this {
    const m = other instanceof AffineMatrix ? other.clone() : new AffineMatrix(other);
    const result = m.multiplySelf(this);
    return this.set(result.a, result.b, result.c, result.d, result.e, result.f);
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf([1, 0, 0, 1, tx, ty]);
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf([sx, 0, 0, sy, 0, 0]);
  }

  invertSelf(): this {
    const determinant = this.a * this.d - this.b * this.c;
    if (determinant === 0) return this.set(NaN, NaN, NaN, NaN, NaN, NaN);
    return this.set(
      this.d / determinant,
      -this.b / determinant,
      -this.c / determinant,
      this.a / determinant,
      (this.c * this.f - this.d * this.e) / determinant,
      (this.b * this.e - this.a * this.f) / determinant,
    );
  }

  clone(): AffineMatrix {
    return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]);
  }

  multiply(other: Init | AffineMatrix): AffineMatrix {
    return this.clone().multiplySelf(other);
  }

  translate(tx?: number, ty?: number): AffineMatrix {
    return this.clone().translateSelf(tx, ty);
  }

  scale(sx?: number, sy?: number): AffineMatrix {
    return this.clone().scaleSelf(sx, sy);
  }

  inverse(): AffineMatrix {
    return this.clone().invertSelf();
  }

  transformPoint(point: { x?: number; y?: number } = {}): { x: number; y: number; z: number; w: number } {
    const { x = 0, y = 0 } = point;
    return { x: this.a * x + this.c * y + this.e, y: this.b * x + this.d * y + this.f, z: 0, w: 1 };
  }
}

export { AffineMatrix };

/** Gives this process a DOMMatrix if it has none; a real one (Electron's, canvas's) is left alone. */
export function preparePdfEnvironment(): void {
  const global = globalThis as { DOMMatrix?: unknown };
  global.DOMMatrix ??= AffineMatrix;
}
