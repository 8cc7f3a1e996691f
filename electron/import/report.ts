import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { RowError } from './validate';

/** The error report's columns, as the issue asks: 行号, 列, 值, 原因. */
const COLUMNS = [
  { header: '行号', key: 'row', width: 8 },
  { header: '列', key: 'column', width: 26 },
  { header: '值', key: 'value', width: 40 },
  { header: '原因', key: 'reason', width: 70 },
];

/**
 * Writes the row-level error report as rows arrive (streaming writer: 80,000 bad rows cost no
 * more memory than 10), so the worker never holds the whole list.
 */
export class ErrorReport {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private count = 0;
  /** Rows with at least one error. */
  private rows = 0;
  private lastRow = -1;

  constructor(private readonly file: string) {
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
    this.sheet = this.book.addWorksheet('错误报告', { views: [{ state: 'frozen', ySplit: 1 }] });
    this.sheet.columns = COLUMNS;
    this.sheet.getRow(1).font = { bold: true };
    this.sheet.getRow(1).commit();
  }

  add(e: RowError): void {
    this.count++;
    if (e.row !== this.lastRow) {
      this.rows++;
      this.lastRow = e.row;
    }
    this.sheet.addRow({ row: e.row, column: e.column, value: e.value, reason: e.reason }).commit();
  }

  /** A problem with the file as a whole (no row), e.g. a required column the mapping lacks. */
  addFileProblem(reason: string): void {
    this.count++;
    this.sheet.addRow({ row: '—', column: '（整个文件）', value: '', reason }).commit();
  }

  get errors(): number {
    return this.count;
  }

  get badRows(): number {
    return this.rows;
  }

  /** Finishes the file; returns false (and removes it) when there was nothing to report. */
  async finish(): Promise<boolean> {
    this.sheet.commit();
    await this.book.commit();
    if (this.count === 0) {
      fs.rmSync(this.file, { force: true });
      return false;
    }
    return true;
  }

  /** Drops the half-written file (cancel, failure). */
  async discard(): Promise<void> {
    try {
      this.sheet.commit();
      await this.book.commit();
    } catch {
      // The file is being thrown away; a failure to finish it does not matter.
    }
    fs.rmSync(this.file, { force: true });
  }
}
