import { Body, Controller, createApp, Get, HttpError, Injectable, Param, Post, Type, type Static } from '@fastjson-api/core';
import { koaTransport } from '@fastjson-api/transport-koa';

const Greeting = Type.Object({ id: Type.Integer(), text: Type.String() });
const NewGreeting = Type.Object({ text: Type.String({ minLength: 1, maxLength: 200 }) });
type Greeting = Static<typeof Greeting>;

@Injectable()
class GreetingStore {
  readonly #items = new Map<number, Greeting>([[1, { id: 1, text: 'Hello, world' }]]);

  get(id: number): Greeting | undefined {
    return this.#items.get(id);
  }

  add(text: string): Greeting {
    const greeting = { id: this.#items.size + 1, text };
    this.#items.set(greeting.id, greeting);
    return greeting;
  }
}

@Controller('/greetings')
class GreetingController {
  constructor(private readonly store: GreetingStore) {}

  @Get('/:id', { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: Greeting } })
  byId(@Param('id') id: number) {
    const greeting = this.store.get(id);
    if (!greeting) throw HttpError.notFound(`No greeting ${id}`);
    return greeting;
  }

  @Post('/', { body: NewGreeting, creates: true, response: { 201: Greeting } })
  create(@Body() body: Static<typeof NewGreeting>) {
    return this.store.add(body.text);
  }
}

const app = createApp({ controllers: [GreetingController], plugins: [koaTransport()] });
const address = await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST);
app.logger.info(`hello example listening on http://localhost:${address.port}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
