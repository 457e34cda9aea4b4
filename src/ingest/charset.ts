/**
 * Bytes to text for feeds and pages. The encoding is sniffed in the order the standards give
 * (RFC 7303 for XML, the HTML sniffing rules for pages): a byte-order mark, then the HTTP
 * `charset`, then the document's own declaration (`<?xml … encoding=…?>`, `<meta charset>`),
 * then UTF-8. One leniency: when the header says UTF-8 but the bytes are not UTF-8 and the
 * document declares something else, the declaration wins (servers that add a default charset).
 * `TextDecoder` does the decoding, so the WHATWG labels apply (ISO-8859-1 reads as windows-1252).
 */

function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** The encoding a document declares in its first kilobyte, read as ASCII. */
function declaredEncoding(bytes: Uint8Array, kind: 'xml' | 'html'): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const xml = /<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head);
  if (xml) return xml[1]!;
  if (kind === 'html') {
    const meta =
      /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head) ??
      /<meta[^>]+content\s*=\s*["'][^"']*charset=([A-Za-z0-9._:-]+)/i.exec(head);
    if (meta) return meta[1]!;
  }
  return null;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes a fetched body: `headerCharset` is the HTTP `charset` parameter, or null. */
export function decodeBytes(bytes: Uint8Array, headerCharset: string | null, kind: 'xml' | 'html'): string {
  const bom = bomEncoding(bytes);
  // TextDecoder drops the BOM itself.
  if (bom) return new TextDecoder(bom).decode(bytes);
  const declared = declaredEncoding(bytes, kind);
  let decoder = decoderFor(headerCharset);
  if (decoder?.encoding === 'utf-8' && declared && !isUtf8(bytes)) decoder = decoderFor(declared) ?? decoder;
  decoder ??= decoderFor(declared);
  // A document that declares nothing and is not UTF-8 is most often windows-1252.
  decoder ??= isUtf8(bytes) ? new TextDecoder('utf-8') : new TextDecoder('windows-1252');
  return decoder.decode(bytes);
}
