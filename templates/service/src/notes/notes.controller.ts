import { Body, Cached, Controller, Ctx, Delete, Get, Invalidates, Param, Patch, Post, Query, RequestContext } from '@fastjson-api/core';
import { NotesService } from './notes.service.js';
import { NewNote, Note, NoteIdParams, NoteList, NoteListQuery, NotePatch } from './notes.schemas.js';

/**
 * Reads are cached and tagged; writes name the tags they make stale. The
 * list carries the tag `notes`, each note its own `note:<id>`, so editing
 * one note drops that note and the list pages, and nothing else.
 */
@Controller('/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get('/', { query: NoteListQuery, response: { 200: NoteList } })
  @Cached({ ttl: '1m', tags: ['notes'] })
  list(@Query('offset') offset: number, @Query('limit') limit: number) {
    return this.notes.list(offset, limit);
  }

  @Get('/:id', { params: NoteIdParams, response: { 200: Note } })
  @Cached({ ttl: '10m', tags: (note: Note) => [`note:${note.id}`] })
  byId(@Param('id') id: number) {
    return this.notes.get(id);
  }

  @Post('/', { body: NewNote, creates: true, response: { 201: Note } })
  @Invalidates(['notes'])
  create(@Body() input: NewNote, @Ctx() ctx: RequestContext) {
    const note = this.notes.create(input);
    ctx.setHeader('Location', `/notes/${note.id}`);
    return note;
  }

  @Patch('/:id', { params: NoteIdParams, body: NotePatch, response: { 200: Note } })
  @Invalidates((req) => [`note:${req.params.id}`, 'notes'])
  update(@Param('id') id: number, @Body() patch: NotePatch) {
    return this.notes.update(id, patch);
  }

  @Delete('/:id', { params: NoteIdParams })
  @Invalidates((req) => [`note:${req.params.id}`, 'notes'])
  remove(@Param('id') id: number) {
    this.notes.remove(id);
  }
}
