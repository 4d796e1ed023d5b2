// Tests run quiet: request logs and error logs go nowhere unless asked for.
process.env.LOG_LEVEL ??= 'silent';
process.env.NODE_ENV ??= 'test';
