/** The error a call over its time budget rejects with. */
export class BudgetExceeded extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'BudgetExceeded';
  }
}

/**
 * `promise`, or a rejection with {@link BudgetExceeded} once `ms` have
 * passed, whichever comes first. The timer does not keep the process alive,
 * and a late rejection of `promise` is handled (race subscribes to it).
 */
export function withinBudget<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExceeded(ms)), ms);
    timer.unref();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
