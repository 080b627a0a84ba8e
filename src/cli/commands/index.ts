/** Every `playbook` command, in the order the top-level help lists them. */
import type { CliCommand } from '../command';
import { command as generate } from './generate';
import { command as plan } from './plan';
import { command as progress } from './progress';
import { command as remind } from './remind';
import { command as template } from './template';
import { command as upgrade } from './upgrade';

export const COMMANDS: readonly CliCommand[] = [template, plan, generate, progress, remind, upgrade];
