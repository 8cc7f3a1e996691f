/**
 * A small streaming XML tokenizer for the parts of an .xlsx we read. It is not a general XML
 * parser: it knows elements, attributes, text, CDATA, comments and processing instructions, and
 * tolerates what it does not need (no DTDs, no namespace resolution — elements and attributes are
 * matched by local name, so `x:row` written by some .NET tools is a `row`).
 *
 * It scans the UTF-8 bytes themselves, not decoded text: every byte of markup is ASCII and no
 * byte of a multi-byte character is, so a chunk can be cut anywhere — markup cut short waits for
 * the next chunk, and text is decoded only once whole (or up to its last complete character).
 * Scanning bytes is also ~2× faster than scanning a string, and a shared-string index is read
 * without making a string of it; this runs once per byte of an 80,000-row sheet.
 */
export abstract class XmlScanner {
  /** A subclass sets this on opening an element whose text it wants, and collects it with takeText(). */
  protected capturing = false;
  /** A subclass sets this once it has everything it needs: the rest of the input is skipped. */
  protected stopped = false;
  /**
   * Strings a subclass looks for among element names and attribute tokens: a match is returned as
   * that very string, so a 300,000-entry string table does not allocate two names per entry.
   */
  protected abstract readonly names: readonly string[];
  private buf: Buffer = EMPTY;
  private rest: Buffer | null = null;
  /** Captured text: decoded so far, then possibly a span of `buf` not yet decoded. */
  private text = '';
  private spanStart = -1;
  private spanEnd = 0;
  private depth = 0;
  private sawRoot = false;
  /** Attributes of the start tag being opened: [name start, name end, value start, value end] each. */
  private spans = new Int32Array(64);
  private attributes = 0;

  /** An element opened (a self-closing one is then also closed); its attributes are readable meanwhile. */
  protected abstract open(name: string): void;
  protected abstract close(name: string): void;

  write(piece: Buffer): void {
    if (this.stopped) return;
    const s = this.rest === null ? piece : Buffer.concat([this.rest, piece]);
    this.rest = null;
    this.buf = s;
    let pos = 0;
    while (pos < s.length && !this.stopped) {
      let lt = pos;
      while (lt < s.length && s[lt] !== LT) lt++;
      if (lt === s.length) {
        this.keepText(s, pos);
        break;
      }
      if (lt > pos && this.capturing) this.addText(s, pos, lt);
      const end = this.markup(s, lt);
      if (end < 0) {
        this.rest = s.subarray(lt);
        break;
      }
      pos = end;
    }
    // The next piece is another buffer: text still held as a span of this one is decoded now.
    this.settle();
  }

  /** The input is complete: anything left open means the part was cut short. */
  end(): void {
    if (this.stopped) return;
    const rest = this.rest?.toString('utf8').trim() ?? '';
    if (rest !== '' || this.depth !== 0 || !this.sawRoot) throw new Error('XML 不完整（内容在中途结束）');
  }

  protected takeText(): string {
    this.settle();
    const t = this.text;
    this.text = '';
    this.capturing = false;
    return t;
  }

  /** The captured text as parseInt(text, 10) reads it, without making a string when it is plain digits. */
  protected takeInteger(): number {
    if (this.spanStart >= 0) {
      const n = digits(this.buf, this.spanStart, this.spanEnd);
      if (n >= 0) {
        this.spanStart = -1;
        this.capturing = false;
        return n;
      }
    }
    return parseInt(this.takeText(), 10);
  }

  /** Where the value of the attribute with this local name starts in attributeBytes(), or -1. */
  protected attributeStart(name: string): number {
    const k = this.find(name);
    return k < 0 ? -1 : (this.spans[k + 2] as number);
  }

  /** The bytes attributeStart() indexes into (only while open() runs). */
  protected attributeBytes(): Buffer {
    return this.buf;
  }

  /** The attribute's value as a token such as t="s" (one of `names` when it is one); null if absent. */
  protected token(name: string): string | null {
    const k = this.find(name);
    return k < 0 ? null : this.stringAt(this.buf, this.spans[k + 2] as number, this.spans[k + 3] as number);
  }

  /** The attribute's value, entities decoded; null if absent. */
  protected attribute(name: string): string | null {
    const k = this.find(name);
    return k < 0 ? null : decodeText(this.buf.toString('utf8', this.spans[k + 2], this.spans[k + 3]));
  }

  /** Index into `spans` of the attribute whose local name is `name`, or -1. */
  private find(name: string): number {
    for (let k = 0; k < this.attributes * 4; k += 4) {
      const start = (this.spans[k + 1] as number) - name.length;
      const from = this.spans[k] as number;
      if (start < from || (start > from && this.buf[start - 1] !== COLON)) continue;
      if (bytesEqual(this.buf, start, name)) return k;
    }
    return -1;
  }

  /** The bytes [start, end) as a string: one of `names`, a one-character string from V8's table, or decoded. */
  private stringAt(s: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length === 1 && (s[start] as number) < 0x80) return ASCII[s[start] as number] as string;
    for (const name of this.names) if (name.length === length && bytesEqual(s, start, name)) return name;
    return s.toString('utf8', start, end);
  }

  private addText(s: Buffer, from: number, to: number): void {
    // The usual case — one text node per element — is kept as a span and decoded only if asked for.
    if (this.spanStart < 0 && this.text === '') {
      this.spanStart = from;
      this.spanEnd = to;
      return;
    }
    this.settle();
    this.text += decodeText(s.toString('utf8', from, to));
  }

  private settle(): void {
    if (this.spanStart < 0) return;
    this.text += decodeText(this.buf.toString('utf8', this.spanStart, this.spanEnd));
    this.spanStart = -1;
  }

  /**
   * Text up to the end of the piece is decoded up to a point where nothing is cut: a character's
   * bytes, an entity, the CR of a CRLF. The rest waits for the next piece.
   */
  private keepText(s: Buffer, pos: number): void {
    if (!this.capturing) return;
    const cut = safeEnd(s, pos);
    if (cut > pos) {
      this.settle();
      this.text += decodeText(s.toString('utf8', pos, cut));
    }
    if (cut < s.length) this.rest = s.subarray(cut);
  }

  /** Handles the markup starting at `lt`; returns where it ends, or -1 if the piece ends inside it. */
  private markup(s: Buffer, lt: number): number {
    if (lt + 1 >= s.length) return -1;
    const c = s[lt + 1];
    if (c === SLASH) return this.endTag(s, lt);
    if (c === QUESTION) return after(s, '?>', lt + 2);
    if (c === BANG) return this.special(s, lt);
    return this.startTag(s, lt);
  }

  private endTag(s: Buffer, lt: number): number {
    let start = lt + 2;
    let i = start;
    for (; i < s.length; i++) {
      const c = s[i] as number;
      if (c === GT || c <= SPACE) break;
      if (c === COLON) start = i + 1;
    }
    let gt = i;
    while (gt < s.length && s[gt] !== GT) gt++;
    if (gt >= s.length) return -1;
    this.depth--;
    this.close(this.stringAt(s, start, i));
    return gt + 1;
  }

  /** Comments and a DOCTYPE are skipped; CDATA is text, taken literally. */
  private special(s: Buffer, lt: number): number {
    if (bytesEqual(s, lt, '<!--')) return after(s, '-->', lt + 4);
    if (bytesEqual(s, lt, CDATA)) {
      const close = s.indexOf(']]>', lt + CDATA.length);
      if (close < 0) return -1;
      if (this.capturing) {
        this.settle();
        this.text += s.toString('utf8', lt + CDATA.length, close).replace(/\r\n?/gu, '\n');
      }
      return close + 3;
    }
    // Too short yet to tell a CDATA section from a declaration.
    if (s.length - lt < CDATA.length && CDATA.startsWith(s.toString('latin1', lt))) return -1;
    return after(s, '>', lt + 2);
  }

  /** A start tag: its name, then its attributes up to the '>' (which may also appear inside a quoted value). */
  private startTag(s: Buffer, lt: number): number {
    let start = lt + 1;
    let i = start;
    for (; i < s.length; i++) {
      const c = s[i] as number;
      if (c <= SPACE || c === SLASH || c === GT) break;
      if (c === COLON) start = i + 1;
    }
    const nameEnd = i;
    this.attributes = 0;
    for (;;) {
      if (i >= s.length) return -1;
      const c = s[i] as number;
      if (c === GT) break;
      i = c <= SPACE || c === SLASH ? i + 1 : this.attributeSpan(s, i);
      if (i < 0) return -1;
    }
    const selfClosing = s[i - 1] === SLASH;
    const name = this.stringAt(s, start, nameEnd);
    this.sawRoot = true;
    this.open(name);
    if (selfClosing) this.close(name);
    else this.depth++;
    return i + 1;
  }

  /** Records the attribute name="value" at `i`; returns where it ends, or -1 if the piece ends inside it. */
  private attributeSpan(s: Buffer, i: number): number {
    const nameStart = i;
    for (; i < s.length; i++) {
      const c = s[i] as number;
      if (c === EQ || c <= SPACE || c === GT || c === SLASH) break;
    }
    const nameEnd = i;
    while (i < s.length && (s[i] as number) <= SPACE) i++;
    if (i >= s.length) return -1;
    if (s[i] !== EQ) return i === nameStart ? i + 1 : i; // a name without a value: not XML, skipped
    i++;
    while (i < s.length && (s[i] as number) <= SPACE) i++;
    if (i >= s.length) return -1;
    const q = s[i];
    if (q !== QUOTE && q !== APOS) return i;
    let close = i + 1;
    while (close < s.length && s[close] !== q) close++;
    if (close >= s.length) return -1;
    this.record(nameStart, nameEnd, i + 1, close);
    return close + 1;
  }

  private record(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    const k = this.attributes * 4;
    if (k + 4 > this.spans.length) {
      const more = new Int32Array(this.spans.length * 2);
      more.set(this.spans);
      this.spans = more;
    }
    this.spans[k] = nameStart;
    this.spans[k + 1] = nameEnd;
    this.spans[k + 2] = valueStart;
    this.spans[k + 3] = valueEnd;
    this.attributes++;
  }
}

const EMPTY = Buffer.alloc(0);
const CDATA = '<![CDATA[';
/** V8 keeps one-character strings in a table: these are never allocated again. */
const ASCII = Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c));

const SPACE = 0x20;
const CR = 0x0d;
const BANG = 0x21;
const QUOTE = 0x22;
const AMP = 0x26;
const APOS = 0x27;
const SLASH = 0x2f;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const LT = 0x3c;
const EQ = 0x3d;
const GT = 0x3e;
const QUESTION = 0x3f;

/** True if the bytes at `at` are the ASCII string `text`. */
function bytesEqual(s: Buffer, at: number, text: string): boolean {
  if (at + text.length > s.length) return false;
  for (let k = 0; k < text.length; k++) if (s[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

function after(s: Buffer, token: string, from: number): number {
  const at = s.indexOf(token, from);
  return at < 0 ? -1 : at + token.length;
}

/** The value of plain decimal digits (at most 15, so exact), or -1 if the bytes are anything else. */
function digits(s: Buffer, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = (s[i] as number) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The longest prefix of s[pos…] that cuts no UTF-8 character, no entity and no CRLF. */
function safeEnd(s: Buffer, pos: number): number {
  let cut = s.length;
  // A character reference is short ("&#x10FFFF;"); an unknown entity is kept as written anyway.
  for (let i = s.length - 1; i >= pos && i >= s.length - 32; i--) {
    if (s[i] === SEMICOLON) break;
    if (s[i] === AMP) {
      cut = i;
      break;
    }
  }
  let lead = cut - 1;
  while (lead >= pos && lead > cut - 4 && ((s[lead] as number) & 0xc0) === 0x80) lead--;
  if (lead >= pos) {
    const b = s[lead] as number;
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (cut - lead < size) cut = lead;
  }
  if (cut > pos && s[cut - 1] === CR) cut--;
  return cut;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function entity(whole: string, ref: string): string {
  if (ref.charCodeAt(0) !== 0x23) return ENTITIES[ref] ?? whole;
  const code = ref.charCodeAt(1) === 0x78 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/**
 * Character data as XML defines it: line ends normalised to LF, the five predefined entities and
 * character references replaced. An unknown entity (which XML would reject) is kept as written.
 */
function decodeText(raw: string): string {
  let i = 0;
  for (; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === AMP || c === CR) break;
  }
  if (i === raw.length) return raw;
  return raw.replace(/\r\n?/gu, '\n').replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/gu, entity);
}
