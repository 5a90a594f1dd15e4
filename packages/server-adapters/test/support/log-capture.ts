/** A logger that keeps its lines, for tests of what pi-kit logs. */
import type { LogFields, PaymentLogger } from '../../src/handlers/logger';

export interface LogLine {
  level: keyof PaymentLogger;
  message: string;
  fields: LogFields | undefined;
}

export function captureLog(): { logger: PaymentLogger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, fields?: LogFields) => lines.push({ level, message, fields });
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}
