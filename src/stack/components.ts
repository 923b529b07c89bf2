// Optional parts of the single-process stack beyond drivers, upsd and upsmon
// (e.g. the web server): each factory looks at the configuration and returns
// a component, or undefined when it is not configured. Adding one is one line
// in COMPONENTS.

import type { Logger } from '../core/logger.js';
import type { Upsd } from '../server/upsd.js';

export interface ComponentContext {
  confPath: string;
  statePath: string;
  log: Logger;
  env: Record<string, string | undefined>;
  upsd: Upsd;
}

export interface StackComponent {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  reload?(): void;
  /** one line for `tsnut status` */
  status?(): string;
}

export type ComponentFactory = (ctx: ComponentContext) => StackComponent | undefined | Promise<StackComponent | undefined>;

export const COMPONENTS: ComponentFactory[] = [];
