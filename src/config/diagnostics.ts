// Config loaders return a typed object plus diagnostics naming file:line.

export interface Diagnostic {
  file: string;
  line?: number;
  level: 'error' | 'warning' | 'notice';
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return d.line !== undefined ? `${d.file}:${d.line}: ${d.message}` : `${d.file}: ${d.message}`;
}
