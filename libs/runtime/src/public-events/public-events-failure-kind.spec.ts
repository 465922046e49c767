import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  jsonEvent,
  KurrentDBClient,
  MaxAppendSizeExceededError,
  NO_STREAM,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { publicEventsFailureKind } from './public-events-failure-kind';

/**
 * The writer's classification over the client's own error classes, with no server: an outage is
 * waited out, a version conflict re-reads the head, anything else stops the writer (issue 11).
 */
describe('publicEventsFailureKind (the KurrentDB client’s error classes)', () => {
  it.each([
    ['unavailable', new UnavailableError()],
    ['deadline exceeded', new DeadlineExceededError()],
    ['timeout', new TimeoutError()],
    ['cancelled', new CancelledError()],
    ['unknown (transport failures on streaming calls)', new UnknownError()],
  ])('%s is an outage', (_, error) => {
    expect(publicEventsFailureKind(error)).toBe('outage');
  });

  it('a wrong expected version (another writer appended) is a version conflict', () => {
    const error = new WrongExpectedVersionError(undefined, {
      streamName: 'public-events',
      expected: 3n,
      current: 5n,
    });
    expect(publicEventsFailureKind(error)).toBe('version-conflict');
  });

  it.each([
    ['access denied', new AccessDeniedError()],
    ['invalid argument (bad data)', new InvalidArgumentError('event data is not JSON')],
    ['stream deleted', StreamDeletedError.fromStreamName('public-events')],
    ['append too large', MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576)],
  ])('%s is permanent', (_, error) => {
    expect(publicEventsFailureKind(error)).toBe('permanent');
  });

  it('a refused connection, as the real client throws it (a raw gRPC error), is an outage', async () => {
    const client = KurrentDBClient.connectionString('kurrentdb://127.0.0.1:1?tls=false');
    try {
      const failure = await client
        .appendToStream('public-events', [jsonEvent({ type: 't', data: {} })], {
          streamState: NO_STREAM,
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(Error);
      expect(publicEventsFailureKind(failure)).toBe('outage');
    } finally {
      await client.dispose();
    }
  });

  it('gRPC status errors are named by the client: unauthenticated is permanent', () => {
    const grpc = Object.assign(new Error('16 UNAUTHENTICATED: bad credentials'), {
      code: 16,
      details: 'bad credentials',
    });
    expect(publicEventsFailureKind(grpc)).toBe('permanent');
  });

  it('errors not from KurrentDB (our own stores) are outages, a numeric code without details too', () => {
    expect(publicEventsFailureKind(new Error('read store unreachable'))).toBe('outage');
    const mongoLike = Object.assign(new Error('not primary'), { code: 10107 });
    expect(publicEventsFailureKind(mongoLike)).toBe('outage');
    expect(publicEventsFailureKind('a string')).toBe('outage');
  });
});
