import { isPrivateAddress, WebhookSender } from './webhook-sender';

describe('WebhookSender SSRF stance', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['::1', true],
    ['fd00::1', true],
    ['::ffff:10.0.0.1', true],
    ['93.184.216.34', false],
    ['2606:4700::1111', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('refuses loopback and private targets before any request, unless allowed', async () => {
    const sender = new WebhookSender({ timeoutMs: 500 });
    await expect(sender.send('http://127.0.0.1:9/x', 'id', '{}', 'whsec_AAAA')).resolves.toEqual({
      ok: false,
      reason: 'refused address 127.0.0.1',
    });
    await expect(sender.send('https://10.0.0.5/x', 'id', '{}', 'whsec_AAAA')).resolves.toEqual({
      ok: false,
      reason: 'refused address 10.0.0.5',
    });
    await expect(sender.send('http://[::1]:9/x', 'id', '{}', 'whsec_AAAA')).resolves.toEqual({
      ok: false,
      reason: 'refused address ::1',
    });
  });
});
