/**
 * A minimal LSP client for tests: starts the bundled server over stdio, like an editor does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER = path.resolve(__dirname, '../../server/out/server.js');

export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  private diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: {
    uri: string;
    pred: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  stderr = '';
  /** Every publishDiagnostics notification, in order of arrival. */
  readonly published: PublishDiagnosticsParams[] = [];
  private versions = new Map<string, number>();

  /** Every window/logMessage text, in order of arrival. */
  readonly logs: string[] = [];

  /** `execArgv`: Node options for the server process (e.g. SERVER_EXEC_ARGV, as the extension starts it). */
  constructor(opts: { settings?: Record<string, unknown>; execArgv?: readonly string[] } = {}) {
    this.proc = spawn(process.execPath, [...(opts.execArgv ?? []), SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc.stderr!.on('data', (d) => (this.stderr += d));
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout!),
      new StreamMessageWriter(this.proc.stdin!),
    );
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p)) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    this.conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map(() => opts.settings ?? {}),
    );
    this.conn.onNotification('window/logMessage', (m: { message: string }) => this.logs.push(m.message));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
  }

  async initialize(rootUri: string | null = null): Promise<any> {
    const res = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ['markdown'] },
        },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return res;
  }

  open(uri: string, languageId: string, text: string): void {
    this.versions.set(uri, 1);
    void this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Replace the whole text (full sync is allowed for incremental servers too). */
  change(uri: string, text: string): number {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ text }],
    });
    return v;
  }

  waitForDiagnostics(
    uri: string,
    pred: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 15000,
  ): Promise<PublishDiagnosticsParams> {
    const cur = this.diagnostics.get(uri);
    if (cur && pred(cur)) return Promise.resolve(cur);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(new Error(`no matching diagnostics for ${uri} in ${timeoutMs} ms; stderr: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        pred,
        resolve: (p) => {
          clearTimeout(t);
          resolve(p);
        },
      });
    });
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    this.proc.kill();
  }
}

export function byRule(d: Diagnostic[], rule: string): Diagnostic[] {
  return d.filter((x) => x.code === rule);
}
