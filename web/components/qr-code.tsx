import { useMemo } from "react";
import { encodeQr } from "./qr/encode-qr.ts";
import { svgPathOf } from "./qr/svg-path.ts";

export interface QrCodeProps {
  /** The text to encode, e.g. an otpauth:// Key URI (at most 213 bytes of UTF-8). */
  readonly value: string;
  /** Read by screen readers in place of the picture. */
  readonly label: string;
  /** Largest width and height in CSS pixels; the code is drawn at a whole number of pixels per module. */
  readonly size?: number;
}

/** Light margin around the symbol, in modules: readers need four (ISO/IEC 18004:2015 §6.3.8). */
const QUIET_ZONE = 4;

/**
 * A QR code drawn as SVG by renkou's own encoder (web/components/qr/): sharp at any zoom and in print, and
 * nothing leaves the browser.
 */
export function QrCode({ value, label, size = 200 }: QrCodeProps) {
  const drawn = useMemo(() => {
    const encoded = encodeQr(value);
    return encoded.ok ? { side: encoded.value.size + 2 * QUIET_ZONE, path: svgPathOf(encoded.value, QUIET_ZONE) } : undefined;
  }, [value]);

  // The console only encodes Key URIs, far below the capacity; a longer text is a programming error.
  if (drawn === undefined) throw new Error(`QR code: text of ${value.length} characters is too long`);
  // Modules of unequal width (3.5 px drawn as 3 or 4) make some phone cameras misread the code.
  const side = Math.max(1, Math.floor(size / drawn.side)) * drawn.side;
  return (
    <svg
      role="img"
      aria-label={label}
      width={side}
      height={side}
      viewBox={`0 0 ${drawn.side} ${drawn.side}`}
      shapeRendering="crispEdges"
      data-testid="qr-code"
    >
      <rect width={drawn.side} height={drawn.side} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  );
}
