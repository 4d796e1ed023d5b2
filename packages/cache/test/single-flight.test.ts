import { expect } from 'chai';
import { SingleFlight } from '../src/single-flight.js';

/** A promise and the functions that settle it, for calls that finish when told. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight#run()', () => {
  it('runs fn once for 1,000 concurrent calls with one key', async () => {
    const flights = new SingleFlight<string>();
    const gate = deferred<string>();
    let calls = 0;
    const fn = () => {
      calls++;
      return gate.promise;
    };

    const results = Array.from({ length: 1000 }, () => flights.run('k', fn));
    expect(flights.inflight, 'in flight').to.equal(1);
    gate.resolve('value');

    expect(await Promise.all(results)).to.deep.equal(Array(1000).fill('value'));
    expect(calls, 'calls').to.equal(1);
    expect(flights.coalesced, 'coalesced').to.equal(999);
    expect(flights.inflight, 'in flight after').to.equal(0);
  });

  it('gives the rejection to every waiter, then runs fn again on the next call', async () => {
    const flights = new SingleFlight<string>();
    const failure = new Error('handler failed');
    let calls = 0;
    const failing = async () => {
      calls++;
      await Promise.resolve();
      throw failure;
    };

    const runs = Array.from({ length: 10 }, () => flights.run('k', failing));
    const outcomes = await Promise.allSettled(runs);
    for (const outcome of outcomes) {
      expect(outcome).to.deep.equal({ status: 'rejected', reason: failure });
    }
    expect(calls, 'calls').to.equal(1);
    expect(flights.inflight, 'in flight').to.equal(0);

    expect(await flights.run('k', async () => 'second'), 'next call').to.equal('second');
  });

  it('treats a synchronous throw as a rejection and releases the key', async () => {
    const flights = new SingleFlight<string>();
    const failure = new Error('thrown');
    const throwing = (): Promise<string> => {
      throw failure;
    };

    const first = flights.run('k', throwing);
    const second = flights.run('k', throwing);
    for (const run of [first, second]) {
      await run.then(
        () => expect.fail('resolved'),
        (error: unknown) => expect(error).to.equal(failure),
      );
    }
    expect(flights.inflight, 'in flight').to.equal(0);
    expect(await flights.run('k', async () => 'ok')).to.equal('ok');
  });

  it('releases the key before waiters resume, so a retry runs fresh', async () => {
    const flights = new SingleFlight<string>();
    let calls = 0;
    const once = async () => {
      calls++;
      if (calls === 1) throw new Error('first fails');
      return 'retried';
    };

    const result = await flights.run('k', once).catch(() => flights.run('k', once));
    expect(result).to.equal('retried');
    expect(calls).to.equal(2);
  });

  it('runs fn once per key, and keys never wait on each other', async () => {
    const flights = new SingleFlight<string>();
    const slow = deferred<string>();
    const calls: string[] = [];

    const a = flights.run('a', () => {
      calls.push('a');
      return slow.promise;
    });
    const b = flights.run('b', async () => {
      calls.push('b');
      return 'b';
    });

    expect(await b, 'b while a is pending').to.equal('b');
    expect(flights.inflight, 'a still in flight').to.equal(1);
    slow.resolve('a');
    expect(await a).to.equal('a');
    expect(calls).to.deep.equal(['a', 'b']);
    expect(flights.coalesced).to.equal(0);
  });

  it('does not remember outcomes: a later call runs fn again', async () => {
    const flights = new SingleFlight<number>();
    let calls = 0;
    const fn = async () => ++calls;

    expect(await flights.run('k', fn)).to.equal(1);
    expect(await flights.run('k', fn)).to.equal(2);
  });
});
