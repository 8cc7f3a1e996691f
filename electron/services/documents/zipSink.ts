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

  /**
   * Stops writing and deletes the partial file (safe to call more than once). The file is removed
   * once the stream has closed: a stream still opening its file would otherwise create it again
   * after the removal (a cancel right at the start of a batch left a scratch zip behind).
   */
  async abort(): Promise<void> {
    if (this.done && !fs.existsSync(this.file)) return;
    this.done = true;
    this.zip.outputStream.unpipe(this.out);
    if (!this.out.closed) {
      this.out.destroy();
      await this.closed.catch(() => undefined);
    }
    fs.rmSync(this.file, { force: true });
  }
}
