import type { Constructor } from '@fastjson-api/core';
import { HealthController } from './health/health.controller.js';
import { NotesController } from './notes/notes.controller.js';

/**
 * Every controller the service serves.
 * `npm run generate -- controller <name>` adds new ones to this list.
 */
export const controllers: Constructor[] = [
  HealthController,
  NotesController,
];
