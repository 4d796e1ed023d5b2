import { HttpError, Injectable } from '@fastjson-api/core';
import { NotesRepository } from './notes.repository.js';
import type { NewNote, Note, NoteList, NotePatch } from './notes.schemas.js';

/** What the API does with notes; the controller only maps HTTP onto it. */
@Injectable()
export class NotesService {
  constructor(private readonly notes: NotesRepository) {}

  list(offset: number, limit: number): NoteList {
    return this.notes.list(offset, limit);
  }

  get(id: number): Note {
    return this.notes.find(id) ?? notFound(id);
  }

  create(input: NewNote): Note {
    return this.notes.insert({ title: input.title, body: input.body ?? '' });
  }

  update(id: number, patch: NotePatch): Note {
    return this.notes.update(id, patch) ?? notFound(id);
  }

  remove(id: number): void {
    if (!this.notes.delete(id)) notFound(id);
  }
}

function notFound(id: number): never {
  throw HttpError.notFound(`No note with id ${id}.`);
}
