import {
  generateWebhookSecret,
  signWebhook,
  webhookVerificationProblem,
} from './standard-webhook-signature';

// The Standard Webhooks specification's own example (secret, id, timestamp, body, signature).
const example = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const headers = {
  'webhook-id': example.id,
  'webhook-timestamp': String(example.timestamp),
  'webhook-signature': example.signature,
};

describe('Standard Webhooks signature', () => {
  it("signs the spec's example to the spec's signature", () => {
    const { id, timestamp, body, secret } = example;
    expect(signWebhook({ id, timestamp, body }, secret)).toBe(example.signature);
  });

  it("verifies the spec's example, also among several signatures", () => {
    const base = { body: example.body, secret: example.secret, nowSeconds: example.timestamp };
    expect(webhookVerificationProblem({ ...base, headers })).toBeNull();
    const rotated = `v1,bm90IGl0 ${example.signature}`;
    expect(
      webhookVerificationProblem({
        ...base,
        headers: { ...headers, 'webhook-signature': rotated },
      }),
    ).toBeNull();
  });

  it('refuses a changed body, another secret, a stale timestamp and missing headers', () => {
    const base = {
      headers,
      body: example.body,
      secret: example.secret,
      nowSeconds: example.timestamp,
    };
    expect(webhookVerificationProblem({ ...base, body: '{"test": 1}' })).toBe(
      'no matching v1 signature',
    );
    expect(webhookVerificationProblem({ ...base, secret: generateWebhookSecret() })).toBe(
      'no matching v1 signature',
    );
    expect(webhookVerificationProblem({ ...base, nowSeconds: example.timestamp + 301 })).toBe(
      'webhook-timestamp out of tolerance',
    );
    expect(webhookVerificationProblem({ ...base, headers: {} })).toBe('missing webhook headers');
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
