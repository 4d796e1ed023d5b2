import { Type, type Static } from '@fastjson-api/core';

/**
 * One schema gives both the request check (or the response shape) and the
 * TypeScript type. Only the properties a response schema lists are sent.
 */
export const Note = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Note = Static<typeof Note>;

export const NoteList = Type.Object({
  items: Type.Array(Note),
  total: Type.Integer(),
});
export type NoteList = Static<typeof NoteList>;

export const NoteIdParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
});

export const NoteListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
export type NoteListQuery = Static<typeof NoteListQuery>;

export const NewNote = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.Optional(Type.String({ maxLength: 10_000 })),
});
export type NewNote = Static<typeof NewNote>;

export const NotePatch = Type.Partial(NewNote, { minProperties: 1 });
export type NotePatch = Static<typeof NotePatch>;
