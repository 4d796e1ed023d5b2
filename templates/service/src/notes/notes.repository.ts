import { Injectable } from '@fastjson-api/core';
import type { Note } from './notes.schemas.js';

/**
 * Notes kept in process memory: a stand-in for a database. Each app gets its
 * own instance, so every test starts from the same two notes. Replace it with
 * a class that talks to your database; the service does not change.
 */
@Injectable()
export class NotesRepository {
  readonly #notes = new Map<number, Note>();
  #lastId = 0;

  constructor() {
    this.insert({ title: 'Welcome', body: 'This note comes from the in-memory repository.' });
    this.insert({ title: 'Caching', body: 'GET /notes/:id is cached until a write invalidates it.' });
  }

  list(offset: number, limit: number): { items: Note[]; total: number } {
    const all = [...this.#notes.values()];
    return { items: all.slice(offset, offset + limit), total: all.length };
  }

  find(id: number): Note | undefined {
    return this.#notes.get(id);
  }

  insert(fields: { title: string; body: string }): Note {
    const now = new Date().toISOString();
    const note = { id: ++this.#lastId, ...fields, createdAt: now, updatedAt: now };
    this.#notes.set(note.id, note);
    return note;
  }

  update(id: number, fields: Partial<Pick<Note, 'title' | 'body'>>): Note | undefined {
    const note = this.#notes.get(id);
    if (!note) return undefined;
    const updated = { ...note, ...fields, updatedAt: new Date().toISOString() };
    this.#notes.set(id, updated);
    return updated;
  }

  delete(id: number): boolean {
    return this.#notes.delete(id);
  }
}
