import fs from 'node:fs';
import type ExcelJS from 'exceljs';
import type { RowError } from './validate';

/** The error report's columns, as the issue asks: 行号, 列, 值, 原因. */
const COLUMNS = [
  { header: '行号', key: 'row', width: 8 },
  { header: '列', key: 'column', width: 26 },
  { header: '值', key: 'value', width: 40 },
  { header: '原因', key: 'reason', width: 70 },
];

type Writer = { book: ExcelJS.stream.xlsx.WorkbookWriter; sheet: ExcelJS.Worksheet };
type Line = { row: number | string; column: string; value: string; reason: string };

/**
 * Writes the row-level error report as rows arrive (streaming writer: 80,000 bad rows cost no
 * more memory than 10), so the worker never holds the whole list. exceljs is loaded on the first
 * error only (loading it takes ~0.2 s, and most imports have nothing to report); the few lines
 * that arrive while it loads wait in memory.
 */
export class ErrorReport {
  private writer: Writer | null = null;
  private loading: Promise<void> | null = null;
  private waiting: Line[] = [];
  private count = 0;
  /** Rows with at least one error. */
  private rows = 0;
  private lastRow = -1;

  constructor(private readonly file: string) {}

  private open(ExcelJSModule: typeof ExcelJS): void {
    const book = new ExcelJSModule.stream.xlsx.WorkbookWriter({ filename: this.file, useSharedStrings: false, useStyles: true });
    const sheet = book.addWorksheet('错误报告', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS;
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (const line of this.waiting) sheet.addRow(line).commit();
    this.waiting = [];
    this.writer = { book, sheet };
  }

  private write(line: Line): void {
    if (this.writer) {
      this.writer.sheet.addRow(line).commit();
      return;
    }
    this.waiting.push(line);
    this.loading ??= import('exceljs').then((m) => this.open((m as { default?: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS)));
  }

  add(e: RowError): void {
    this.count++;
    if (e.row !== this.lastRow) {
      this.rows++;
      this.lastRow = e.row;
    }
    this.write({ row: e.row, column: e.column, value: e.value, reason: e.reason });
  }

  /** A problem with the file as a whole (no row), e.g. a required column the mapping lacks. */
  addFileProblem(reason: string): void {
    this.count++;
    this.write({ row: '—', column: '（整个文件）', value: '', reason });
  }

  get errors(): number {
    return this.count;
  }

  get badRows(): number {
    return this.rows;
  }

  /** Finishes the file; returns false (and writes none) when there was nothing to report. */
  async finish(): Promise<boolean> {
    if (this.count === 0) {
      fs.rmSync(this.file, { force: true });
      return false;
    }
    await this.loading;
    const w = this.writer as Writer;
    w.sheet.commit();
    await w.book.commit();
    return true;
  }

  /** Drops the half-written file (cancel, failure). */
  async discard(): Promise<void> {
    try {
      await this.loading;
      if (this.writer) {
        this.writer.sheet.commit();
        await this.writer.book.commit();
      }
    } catch {
      // The file is being thrown away; a failure to finish it does not matter.
    }
    fs.rmSync(this.file, { force: true });
  }
}
