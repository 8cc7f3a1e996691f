import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal, Spin } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { renderAsync } from 'docx-preview';
import { call, canOpenFiles, downloadFile, openFile } from '../../api/client';
import { errorMessage, useErrorReporter } from '../../session';

interface Props {
  documentId: number;
  title: string;
  onClose(): void;
}

const PRINT_ROOT = 'inspectdesk-print-root';

/**
 * Printing: the rendered pages are copied into a top-level element and everything else is
 * hidden for print only, so the pages flow onto paper one sheet each (a modal's fixed, scrolled
 * box would be clipped to the screen). The copy is removed after printing.
 */
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 0; }
  body > *:not(#${PRINT_ROOT}) { display: none !important; }
  #${PRINT_ROOT} { display: block !important; }
  #${PRINT_ROOT} .docx-wrapper { background: none !important; padding: 0 !important; display: block !important; }
  #${PRINT_ROOT} .docx-wrapper > section.docx { box-shadow: none !important; margin: 0 auto !important; break-after: page; }
}
@media screen { #${PRINT_ROOT} { display: none; } }
`;

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** 预览: the .docx rendered in the page with docx-preview, with 下载 and 打印. */
export function DocumentPreviewModal({ documentId, title, onClose }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const styles = useRef<HTMLDivElement>(null);
  const report = useErrorReporter();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string } | { kind: 'download'; downloadId: string }>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    call('documents.preview', { documentId })
      .then(async (p) => {
        if (!live) return;
        if (!p.base64) {
          setState(p.downloadId ? { kind: 'download', downloadId: p.downloadId } : { kind: 'error', message: '该文件不能在页面中预览' });
          return;
        }
        if (!body.current) return;
        await renderAsync(base64ToBytes(p.base64), body.current, styles.current ?? undefined, {
          className: 'docx',
          inWrapper: true,
          breakPages: true,
          ignoreLastRenderedPageBreak: true,
          renderHeaders: true,
          renderFooters: true,
        });
        if (live) setState({ kind: 'ready' });
      })
      .catch((err: unknown) => {
        if (live) setState({ kind: 'error', message: errorMessage(err) });
      });
    return () => {
      live = false;
    };
  }, [documentId]);

  const download = async (): Promise<void> => {
    try {
      const id = state.kind === 'download' ? state.downloadId : (await call('documents.download', { documentId })).downloadId;
      await downloadFile(id);
    } catch (err) {
      report(err);
    }
  };

  const openInWord = async (): Promise<void> => {
    try {
      await openFile((await call('documents.download', { documentId })).downloadId);
    } catch (err) {
      report(err);
    }
  };

  const print = (): void => {
    if (!body.current) return;
    document.getElementById(PRINT_ROOT)?.remove();
    const root = document.createElement('div');
    root.id = PRINT_ROOT;
    root.appendChild(body.current.cloneNode(true));
    document.body.appendChild(root);
    const cleanup = () => {
      root.remove();
      window.removeEventListener('afterprint', cleanup);
    };
    window.addEventListener('afterprint', cleanup);
    window.print();
  };

  return (
    <Modal
      open
      title={`预览：${title}`}
      width={920}
      onCancel={onClose}
      styles={{ body: { maxHeight: '72vh', overflow: 'auto', background: '#e9ecf1', padding: 0 } }}
      footer={[
        ...(canOpenFiles
          ? [
              <Button key="open" onClick={() => void openInWord()}>
                用 Word/WPS 打开
              </Button>,
            ]
          : []),
        <Button key="download" icon={<DownloadOutlined aria-hidden />} onClick={() => void download()}>
          下载
        </Button>,
        <Button key="print" icon={<PrinterOutlined aria-hidden />} disabled={state.kind !== 'ready'} onClick={print}>
          打印
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          关闭
        </Button>,
      ]}
    >
      <style>{PRINT_CSS}</style>
      <div ref={styles} />
      {state.kind === 'loading' && (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin description="正在排版…" />
        </div>
      )}
      {state.kind === 'error' && <Alert type="error" showIcon title="无法预览" description={state.message} style={{ margin: 16 }} />}
      {state.kind === 'download' && <Alert type="info" showIcon title="文件较大，请下载后在 Word 或 WPS 中查看" style={{ margin: 16 }} />}
      <div ref={body} role="document" aria-label={`${title}预览`} data-testid="docx-preview" />
    </Modal>
  );
}
