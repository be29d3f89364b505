/**
 * Turns the bytes of a recording into NDJSON text. Gzip data (magic bytes 1f 8b) is decompressed
 * with the browser's native DecompressionStream; anything else is read as UTF-8 text. Checking the
 * bytes rather than the file name keeps this right when a server already removed the encoding.
 */
export async function decodeRecordingBytes(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const body = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(body).text();
  }
  return new TextDecoder('utf-8').decode(bytes);
}
