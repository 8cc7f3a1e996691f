import { once } from 'node:events';
import fs from 'node:fs';
import yazl from 'yazl';

/**
 * The batch's zip, written while the documents are being built (yazl, streamed to a scratch
 * file): each document goes in as soon as it arrives, stored (a .docx is already deflated).
 * `abort` removes the partial file; only `finish` leaves a complete archive, which the caller
 * then offers for download under its final name.
 */
export class ZipSink {
  private readonly zip = new yazl.ZipFile();
  private readonly out: fs.WriteStream;
  private readonly closed: Promise<unknown>;
  private readonly mtime = new Date();
  private done = false;

  constructor(readonly file: string) {
    this.out = fs.createWriteStream(file);
    this.zip.outputStream.pipe(this.out);
    this.closed = once(this.out, 'close');
    this.closed.catch(() => undefined); // reported by finish()
  }

  add(name: string, data: Uint8Array, compress = false): void {
    this.zip.addBuffer(Buffer.from(data.buffer, data.byteOffset, data.byteLength), name, { compress, mtime: this.mtime });
  }

  async finish(): Promise<void> {
    this.done = true;
    this.zip.end();
    await this.closed;
  }

  /** Stops writing and deletes the partial file (safe to call more than once). */
  abort(): void {
    if (this.done && !fs.existsSync(this.file)) return;
    this.done = true;
    this.zip.outputStream.unpipe(this.out);
    this.out.destroy();
    fs.rmSync(this.file, { force: true });
  }
}
